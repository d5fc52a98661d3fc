#!/usr/bin/env python3
"""N unary calls on ONE grpc.aio channel, as PlaceBrain's gateway makes them (Python grpc.aio,
default channel options, no deadline), with C in flight. Prints one JSON line:
{"calls": N, "ok": ..., "failed": ..., "statuses": {...}, "seconds": ..., "per_second": ...}.

Runs with Debian's python3-grpcio (/usr/bin/python3); the method is called with raw bytes, so no
generated code is needed: by default grpc.health.v1.Health/Check with an empty request.

  /usr/bin/python3 scripts/clients/grpc_aio_calls.py [port=50053] [calls=100000] [in_flight=64]
"""
import asyncio
import collections
import json
import sys
import time

import grpc


async def main(port: int, calls: int, in_flight: int) -> None:
    statuses = collections.Counter()
    async with grpc.aio.insecure_channel(f"127.0.0.1:{port}") as channel:
        check = channel.unary_unary("/grpc.health.v1.Health/Check")
        remaining = iter(range(calls))

        async def worker() -> None:
            for _ in remaining:
                try:
                    await check(b"")
                    statuses["OK"] += 1
                except grpc.aio.AioRpcError as error:
                    statuses[f"{error.code().name}: {error.details()}"] += 1

        start = time.monotonic()
        await asyncio.gather(*(worker() for _ in range(in_flight)))
        seconds = time.monotonic() - start
    ok = statuses.pop("OK", 0)
    print(json.dumps({"calls": calls, "ok": ok, "failed": calls - ok, "statuses": dict(statuses),
                      "seconds": round(seconds, 2), "per_second": round(calls / seconds)}))


if __name__ == "__main__":
    args = [int(a) for a in sys.argv[1:]]
    asyncio.run(main(*(args + [50053, 100000, 64][len(args):])))
