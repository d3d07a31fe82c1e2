package org.cgp.validator.store;

import java.sql.Connection;
import java.sql.SQLException;

/** One transaction on a store's connection: committed when the work returns, rolled back when it throws. */
final class Transaction {
    interface Work<T> {
        T apply(Connection c) throws SQLException;
    }

    private Transaction() {}

    static <T> T run(Connection c, Work<T> work) throws SQLException {
        c.setAutoCommit(false);
        try {
            T out = work.apply(c);
            c.commit();
            return out;
        } catch (SQLException | RuntimeException e) {
            try {
                c.rollback();
            } catch (SQLException ignored) {
                // the connection is gone: the transaction went with it
            }
            throw e;
        } finally {
            try {
                c.setAutoCommit(true);
            } catch (SQLException ignored) {
                // as above
            }
        }
    }
}
