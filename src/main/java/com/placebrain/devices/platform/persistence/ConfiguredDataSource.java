package com.placebrain.devices.platform.persistence;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The PostgreSQL data source of server.xml, pooled by Liberty. Server variables can hand values
 * to a data source but cannot read the platform's SQLAlchemy URL, so Liberty gets the raw values
 * (ours and {@code DATABASE__URL}) and this class applies {@link DatabaseAddress} before the first
 * connection. Liberty loads it from the server's {@code jdbc} library, beside the PostgreSQL
 * driver: the build packs it into {@code devices-datasource.jar}, so it may use nothing but
 * {@link DatabaseAddress} and the driver.
 *
 * <p>A plain {@code javax.sql.DataSource}, not the driver's ConnectionPoolDataSource: Liberty
 * pools either, but the driver's pooled connection wraps every connection and statement call in
 * a reflective proxy (8.8 % of the handler thread's samples in a GetDevice profile, BENCHMARKS.md).
 */
public class ConfiguredDataSource extends PGSimpleDataSource {

    private static final long serialVersionUID = 1L;

    private String configuredUrl;
    private String configuredUser;
    private String configuredPassword;
    private String platformUrl;
    private transient volatile boolean resolved;

    /** {@code devices.db.url}, blank when not set. */
    public void setConfiguredUrl(String url) {
        this.configuredUrl = url;
    }

    public void setConfiguredUser(String user) {
        this.configuredUser = user;
    }

    public void setConfiguredPassword(String password) {
        this.configuredPassword = password;
    }

    /** The Python service's {@code DATABASE__URL}, blank when not set. */
    public void setPlatformUrl(String url) {
        this.platformUrl = url;
    }

    @Override
    public Connection getConnection() throws SQLException {
        resolve();
        return super.getConnection();
    }

    @Override
    public Connection getConnection(String user, String password) throws SQLException {
        resolve();
        return super.getConnection(user, password);
    }

    private synchronized void resolve() throws SQLException {
        if (resolved) {
            return;
        }
        DatabaseAddress address;
        try {
            address = DatabaseAddress.resolve(configuredUrl, configuredUser, configuredPassword, platformUrl);
        } catch (IllegalArgumentException unreadable) {
            // SQLState 08001: the client cannot establish the connection.
            throw new SQLNonTransientConnectionException(unreadable.getMessage(), "08001");
        }
        setURL(address.jdbcUrl());
        setUser(address.user());
        setPassword(address.password());
        resolved = true;
    }
}
