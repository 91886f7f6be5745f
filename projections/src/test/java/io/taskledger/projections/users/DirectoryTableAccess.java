package io.taskledger.projections.users;

import io.taskledger.projections.jdbc.JdbcTable;

/** The user directory's table description, for tests outside the package. */
public final class DirectoryTableAccess {

    private DirectoryTableAccess() {
    }

    public static JdbcTable<?> table() {
        return DirectoryAccount.TABLE;
    }
}
