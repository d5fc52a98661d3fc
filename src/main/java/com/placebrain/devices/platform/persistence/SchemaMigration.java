package com.placebrain.devices.platform.persistence;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.logging.Logger;
import javax.sql.DataSource;
import liquibase.Scope;
import liquibase.UpdateSummaryOutputEnum;
import liquibase.command.CommandScope;
import liquibase.command.core.UpdateCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.command.core.helpers.ShowSummaryArgument;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;
import liquibase.ui.LoggerUIService;

/**
 * Applies the Liquibase changelog at start-up. The first changesets describe the Python
 * service's schema and are marked as run when those objects already exist, so a database the
 * Python service created is adopted untouched and only our later changesets are applied.
 */
@ApplicationScoped
public class SchemaMigration {

    public static final String CHANGELOG = "db/changelog/db.changelog-master.yaml";
    private static final Logger LOG = Logger.getLogger(SchemaMigration.class.getName());

    @Resource(lookup = "jdbc/devices")
    DataSource dataSource;

    public void migrate() {
        try (Connection connection = dataSource.getConnection()) {
            migrate(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("Schema migration failed: cannot reach PostgreSQL (devices.db.url): "
                    + e.getMessage(), e);
        }
    }

    /** Shared with tests and the Maven goal's changelog, so every path applies the same changesets. */
    public static void migrate(Connection connection) {
        long started = System.nanoTime();
        try {
            Database database = DatabaseFactory.getInstance()
                    .findCorrectDatabaseImplementation(new JdbcConnection(connection));
            // Liquibase's console output (its summary table) goes to its logger instead of
            // System.out: the one line an operator needs is the one logged below.
            Scope.child(Map.of(
                            Scope.Attr.resourceAccessor.name(),
                            new ClassLoaderResourceAccessor(SchemaMigration.class.getClassLoader()),
                            Scope.Attr.ui.name(), new LoggerUIService()),
                    () -> new CommandScope(UpdateCommandStep.COMMAND_NAME)
                            .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
                            .addArgumentValue(UpdateCommandStep.CHANGELOG_FILE_ARG, CHANGELOG)
                            .addArgumentValue(ShowSummaryArgument.SHOW_SUMMARY_OUTPUT, UpdateSummaryOutputEnum.LOG)
                            .execute());
            // Liberty rolls back (and warns about) anything a container connection leaves open.
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
        } catch (Exception e) {
            throw new IllegalStateException("Schema migration failed: " + e.getMessage(), e);
        }
        LOG.info(() -> "Schema is up to date (" + (System.nanoTime() - started) / 1_000_000 + " ms)");
    }
}
