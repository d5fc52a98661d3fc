package com.placebrain.devices.mqttaccess;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** EMQX's HTTP authentication and authorization hooks live under /mqtt (CONTRACT §6). */
@ApplicationPath("/mqtt")
public class EmqxHooksApplication extends Application {
}
