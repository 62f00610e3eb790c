package com.xiaoneng.chdb;

/** A service could not start because its port is taken; the launcher turns it into a hint naming the variable. */
public class PortInUseException extends IllegalStateException {

    private final int port;
    private final String service;

    public PortInUseException(int port, String service) {
        super("port " + port + " for " + service + " is already in use");
        this.port = port;
        this.service = service;
    }

    public int port() {
        return port;
    }

    public String service() {
        return service;
    }
}
