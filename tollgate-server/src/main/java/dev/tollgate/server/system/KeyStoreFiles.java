package dev.tollgate.server.system;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;

/**
 * PKCS#12 key stores in the data directory, readable by their owner only, and the RSA keys of their entries (whose
 * certificates {@link SelfSignedCertificates} makes). Used for the TLS key and for the token signing keys.
 */
public final class KeyStoreFiles {

    private KeyStoreFiles() {
    }

    /** Loads a key store, or returns an empty one when the file does not exist yet. */
    public static KeyStore load(Path path, char[] password) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        if (Files.exists(path)) {
            try (InputStream in = Files.newInputStream(path)) {
                store.load(in, password);
            }
        } else {
            store.load(null, null);
        }
        return store;
    }

    /**
     * Writes a key store beside its final place and moves it there, so a crash never leaves half a key store, with
     * owner-only permissions where the file system has them.
     */
    public static void save(KeyStore store, Path path, char[] password) throws IOException, GeneralSecurityException {
        Files.createDirectories(path.getParent());
        Path temporary = path.resolveSibling(path.getFileName() + ".tmp");
        try (OutputStream out = Files.newOutputStream(temporary)) {
            store.store(out, password);
        }
        restrictToOwner(temporary);
        Files.move(temporary, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Makes a file readable and writable by its owner only (no-op where POSIX permissions do not exist). */
    public static void restrictToOwner(Path path) throws IOException {
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: the directory's own protection applies.
        }
    }

    public static KeyPair rsaKeyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048, new SecureRandom());
        return generator.generateKeyPair();
    }
}
