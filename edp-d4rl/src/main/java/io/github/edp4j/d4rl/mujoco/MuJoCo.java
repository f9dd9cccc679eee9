package io.github.edp4j.d4rl.mujoco;

import com.sun.jna.CallbackReference;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import java.lang.ref.Cleaner;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MuJoCo physics library (libmujoco), loaded through JNA. Where it comes from, in this order:
 * <ol>
 *   <li>the system property {@value #LIBRARY_PROPERTY} (a file path or a library name),</li>
 *   <li>the environment variable {@value #LIBRARY_ENV},</li>
 *   <li>the system path: {@code libmujoco.so.2.2.2} (Debian's {@code libmujoco2.2.2}), then {@code mujoco}
 *       ({@code libmujoco.so}, {@code libmujoco.dylib}, {@code mujoco.dll}).</li>
 * </ol>
 * If the property or the variable is set, only that location is tried. Supported versions are Debian's 2.2.2 and
 * official releases 3.0 or later ({@code mj_version()} is checked; others are refused with a message).
 *
 * <p>The library is loaded once per JVM, on the first call of {@link #get()}, {@link #isAvailable()} or
 * {@link #unavailableReason()}. MuJoCo's fatal errors ({@code mju_error}, whose default handler exits the process)
 * are redirected to a handler that turns them into a {@link MuJoCoException} on the calling thread; warnings go
 * to the log.
 */
public final class MuJoCo {

    /** System property naming the library file (or name) to load. */
    public static final String LIBRARY_PROPERTY = "edp4j.mujoco.library";
    /** Environment variable naming the library file (or name) to load. */
    public static final String LIBRARY_ENV = "EDP4J_MUJOCO_LIBRARY";

    static final String DEBIAN_LIBRARY = "libmujoco.so.2.2.2";
    static final String PLAIN_LIBRARY = "mujoco";

    static final String INSTALL_HELP = "Install MuJoCo: on Debian/Ubuntu `sudo apt-get install libmujoco2.2.2`; on"
            + " macOS or Windows download an official release (3.x) from https://github.com/google-deepmind/mujoco/"
            + "releases and set the environment variable " + LIBRARY_ENV + " (or -D" + LIBRARY_PROPERTY
            + "=...) to its library file (lib/libmujoco.dylib, bin/mujoco.dll); a pip-installed `mujoco` package"
            + " also contains one (site-packages/mujoco/libmujoco.so.<version>).";

    private static final Logger LOG = LoggerFactory.getLogger(MuJoCo.class);

    /** The outcome of loading, computed once. */
    private static final class Holder {
        static final Object LOADED = loadDefault();

        private static Object loadDefault() {
            try {
                return load(candidates(System.getProperty(LIBRARY_PROPERTY), System.getenv(LIBRARY_ENV)));
            } catch (MuJoCoException e) {
                return e;
            }
        }
    }

    /**
     * Where {@code mju_error} messages wait for the calling thread. It is static because what it serves is: the C
     * variables {@code mju_user_error}/{@code mju_user_warning} are process-wide, and two handles on libmujoco must
     * not redirect each other's errors. The handlers are kept reachable here so the JVM never frees them.
     */
    private static final class Errors {
        static final ThreadLocal<String> PENDING = new ThreadLocal<>();
        static final MjLibrary.MessageHandler ERROR_HANDLER = message -> {
            if (PENDING.get() == null) {
                PENDING.set(message);
            }
        };
        static final MjLibrary.MessageHandler WARNING_HANDLER = message -> LOG.warn("MuJoCo warning: {}", message);
    }

    private final MjLibrary lib;
    private final String location;
    private final MjVersion version;
    private final Cleaner cleaner = Cleaner.create();

    private MuJoCo(MjLibrary lib, NativeLibrary nativeLibrary, String location, MjVersion version) {
        this.lib = lib;
        this.location = location;
        this.version = version;
        nativeLibrary.getGlobalVariableAddress("mju_user_error")
                .setPointer(0, CallbackReference.getFunctionPointer(Errors.ERROR_HANDLER));
        nativeLibrary.getGlobalVariableAddress("mju_user_warning")
                .setPointer(0, CallbackReference.getFunctionPointer(Errors.WARNING_HANDLER));
    }

    /**
     * @return the loaded library
     * @throws MuJoCoException if it could not be loaded or its version is not supported; the message says how to
     *     install MuJoCo
     */
    public static MuJoCo get() {
        Object loaded = Holder.LOADED;
        if (loaded instanceof MuJoCo m) {
            return m;
        }
        MuJoCoException cause = (MuJoCoException) loaded;
        throw new MuJoCoException(cause.getMessage(), cause);
    }

    /** @return whether a supported libmujoco could be loaded */
    public static boolean isAvailable() {
        return Holder.LOADED instanceof MuJoCo;
    }

    /** @return why MuJoCo is not available (with installation help), or an empty string if it is */
    public static String unavailableReason() {
        Object loaded = Holder.LOADED;
        return loaded instanceof MuJoCoException e ? e.getMessage() : "";
    }

    /** @return the library's version, such as {@code 2.2.2} or {@code 3.14.0} */
    public String version() {
        return version.toString();
    }

    /** @return where the library was loaded from (the path or name given to the loader) */
    public String location() {
        return location;
    }

    @Override
    public String toString() {
        return "MuJoCo " + version + " (" + location + ")";
    }

    MjVersion mjVersion() {
        return version;
    }

    MjLibrary lib() {
        return lib;
    }

    Cleaner cleaner() {
        return cleaner;
    }

    /**
     * Runs a native call and turns an {@code mju_error} raised during it into an exception.
     *
     * @param what a short description for the message
     * @param call the call
     * @param <T> its result type
     * @return the call's result
     * @throws MuJoCoException if MuJoCo reported an error
     */
    <T> T call(String what, Supplier<T> call) {
        Errors.PENDING.remove();
        T result = call.get();
        String error = Errors.PENDING.get();
        if (error != null) {
            Errors.PENDING.remove();
            throw new MuJoCoException("MuJoCo " + version + " error in " + what + ": " + error);
        }
        return result;
    }

    /** @return whether an {@code mju_error} is waiting on this thread (inside {@link #call(String, Supplier)}) */
    boolean errorPending() {
        return Errors.PENDING.get() != null;
    }

    /**
     * Runs a native call without a result; see {@link #call(String, Supplier)}.
     *
     * @param what a short description for the message
     * @param call the call
     */
    void run(String what, Runnable call) {
        call(what, () -> {
            call.run();
            return null;
        });
    }

    /**
     * Raises {@code mju_error} on purpose: the process must survive and the error must come back as an exception.
     *
     * @param message the error text
     */
    void raiseError(String message) {
        run("mju_error", () -> lib.mju_error(message));
    }

    /**
     * Compiles an MJCF model.
     *
     * @param xml the model's XML text
     * @param name a name for messages
     * @return the model, to be closed by the caller
     * @throws MuJoCoException if MuJoCo refuses the model (with MuJoCo's message)
     */
    MjModel loadXml(String xml, String name) {
        Path file = null;
        try {
            file = Files.createTempFile("edp4j-" + name + "-", ".xml");
            Files.writeString(file, xml, StandardCharsets.UTF_8);
            byte[] error = new byte[1000];
            String path = file.toAbsolutePath().toString();
            var pointer = call("mj_loadXML(" + name + ")", () -> lib.mj_loadXML(path, null, error, error.length));
            if (pointer == null) {
                throw new MuJoCoException("MuJoCo " + version + " refused the model " + name + ": "
                        + Native.toString(error, StandardCharsets.UTF_8.name()).trim());
            }
            return new MjModel(this, pointer, name);
        } catch (java.io.IOException e) {
            throw new MuJoCoException("cannot write the model " + name + " to a temporary file: " + e, e);
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (java.io.IOException ignored) {
                    // a leftover temporary file is harmless
                }
            }
        }
    }

    static List<String> candidates(String property, String env) {
        List<String> out = new ArrayList<>();
        if (property != null && !property.isBlank()) {
            out.add(property.trim());
        } else if (env != null && !env.isBlank()) {
            out.add(env.trim());
        } else {
            out.add(DEBIAN_LIBRARY);
            out.add(PLAIN_LIBRARY);
        }
        return out;
    }

    /**
     * Loads the first candidate that opens; refuses it if its version is not supported.
     *
     * @param candidates library paths or names, in order
     * @return the library
     * @throws MuJoCoException if none opens (with installation help) or the version is not supported
     */
    static MuJoCo load(List<String> candidates) {
        List<String> failures = new ArrayList<>();
        for (String candidate : candidates) {
            NativeLibrary nativeLibrary;
            MjLibrary lib;
            try {
                nativeLibrary = NativeLibrary.getInstance(candidate);
                lib = Native.load(candidate, MjLibrary.class);
            } catch (UnsatisfiedLinkError e) {
                failures.add(candidate + " (" + firstLine(e.getMessage()) + ")");
                continue;
            }
            int code;
            try {
                code = lib.mj_version();
            } catch (UnsatisfiedLinkError e) {
                throw new MuJoCoException("the library " + candidate + " is not MuJoCo (no mj_version): "
                        + firstLine(e.getMessage()) + ". " + INSTALL_HELP, e);
            }
            MjVersion version = MjVersion.decode(code);
            if (!version.supported()) {
                throw new MuJoCoException(unsupported(code, candidate));
            }
            return new MuJoCo(lib, nativeLibrary, candidate, version);
        }
        throw new MuJoCoException("MuJoCo is not available: could not load " + String.join(", ", failures)
                + ". " + INSTALL_HELP);
    }

    /**
     * @param code the value of {@code mj_version()}
     * @param candidate where the library came from
     * @return the message refusing that version
     */
    static String unsupported(int code, String candidate) {
        return "MuJoCo " + MjVersion.decode(code) + " (mj_version() = " + code + ", loaded from " + candidate
                + ") is not supported: EDP4J supports MuJoCo 2.2.2 (Debian's libmujoco2.2.2) and official releases"
                + " 3.0 or later. " + INSTALL_HELP;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "no message";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
