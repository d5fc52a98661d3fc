package com.placebrain.devices.tools;

import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import org.eclipse.paho.mqttv5.common.MqttException;

/**
 * A device on the command line, for trying the platform by hand (not part of the WAR): a
 * {@link SimulatedDevice} that sends telemetry periodically and prints every command it receives
 * with its command id and expiry.
 *
 * <pre>
 * scripts/simulate-device.sh DEVICE_ID PLACE_ID TOKEN [interval-seconds] [sensor-key ...]
 * </pre>
 * Sensor keys default to {@code temperature}; values are random around 21.
 */
public final class DeviceSimulator {

    private DeviceSimulator() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            System.err.println("usage: DeviceSimulator BROKER_URL DEVICE_ID PLACE_ID TOKEN [interval-seconds] [sensor-key ...]");
            System.exit(2);
        }
        long intervalSeconds = args.length > 4 ? Long.parseLong(args[4]) : 5;
        List<String> sensors = args.length > 5 ? Arrays.asList(args).subList(5, args.length) : List.of("temperature");
        SimulatedDevice device = new SimulatedDevice(args[0], UUID.fromString(args[1]), UUID.fromString(args[2]), args[3],
                System.out::println);
        device.connect();

        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                device.close();
            } catch (MqttException e) {
                System.err.println("disconnect: " + e.getMessage());
            }
            stop.countDown();
        }));
        while (stop.getCount() > 0) {
            if (device.isOnline()) {
                try {
                    System.out.println("telemetry " + device.publishTelemetry(SimulatedDevice.randomValues(sensors)));
                } catch (MqttException e) {
                    System.err.println("telemetry not sent: " + e.getMessage());
                }
            }
            Thread.sleep(intervalSeconds * 1000);
        }
    }
}
