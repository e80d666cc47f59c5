package org.chronolens.serve;

import java.io.PrintWriter;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.function.Supplier;

/**
 * What {@code serve} was asked: the roots it reads, where it listens, whom it trusts, and the one
 * file of acknowledgements it may append to ({@code null}: the file each run's manifest names).
 * {@code headerName} null is token mode; otherwise the proxy's header naming the signed-in user.
 */
public record ServeSettings(Path runs, Path audit, InetAddress bind, int port, String headerName,
                            String acknowledgements, int maxBodyBytes, PrintWriter accessLog,
                            Supplier<LocalDate> today) {

    /** A form's body is a few short fields and a note: anything much larger is not a form of ours. */
    public static final int MAX_BODY_BYTES = 16 * 1024;

    /** A note or comment as long as an event's notes may be. */
    public static final int MAX_NOTE = 4000;

    public boolean headerMode() {
        return headerName != null;
    }
}
