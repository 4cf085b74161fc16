package io.netdirect.infra.mongo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

import org.h2.mvstore.MVStore;

import de.bwaldvogel.mongo.MongoServer;

/**
 * NetDirect's embedded MongoDB-wire database: mongo-java-server on an H2 MVStore
 * file, bound to loopback.
 *
 * <pre>java -cp 'classes:libs/*' io.netdirect.infra.mongo.EmbeddedMongo FILE HOST PORT [CACHE_MB]</pre>
 *
 * System properties: {@code netdirect.commit} ({@code answer}, the default, or
 * {@code background}) and {@code netdirect.compactFillRate} (default 40).
 *
 * Durability: the store commits at most 1 ms after a write (the default delay
 * is one second, which lost 892 of 2,000 acknowledged inserts to a kill -9 here).
 * A write is still acknowledged before it is on disk, so a power cut can lose the
 * last millisecond; a killed or crashed process keeps everything it acknowledged,
 * because the commit runs in the store's own background thread.
 *
 * SIGTERM (and Ctrl-C) stop listening, close the client connections and close
 * the store, which writes what is pending.
 */
public final class EmbeddedMongo {

    private EmbeddedMongo() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: EmbeddedMongo FILE HOST PORT [CACHE_MB]");
            System.exit(2);
        }
        Path file = Path.of(args[0]).toAbsolutePath();
        String host = args[1];
        int port = Integer.parseInt(args[2]);
        int cacheMb = args.length > 3 ? Integer.parseInt(args[3]) : 256;
        Files.createDirectories(file.getParent());

        // The store rewrites chunks whose share of live data fell below this (percent) in the
        // background. Every acknowledged write is a commit of its own here, so at the store's
        // default (90) it rewrote old chunks without pause once the file was large: at a million
        // members that thread took most of both cores. 40 keeps the file within about 2.5 times
        // its live data; 0 never compacts (fastest, the file only grows).
        int compactFillRate = Integer.getInteger("netdirect.compactFillRate", 40);
        MVStore store = new MVStore.Builder()
            .fileName(file.toString())
            .cacheSize(cacheMb)
            .autoCompactFillRate(compactFillRate)
            .open();
        store.setAutoCommitDelay(1);

        // -Dnetdirect.commit=background leaves committing to the store's thread alone (faster
        // writes, but a kill right after an answer can lose that write).
        boolean commitBeforeAnswer = !"background".equals(System.getProperty("netdirect.commit"));
        IndexedH2Backend backend = new IndexedH2Backend(store, commitBeforeAnswer);
        MongoServer server = new MongoServer(backend);
        server.bind(host, port);
        System.out.printf("embedded MongoDB-wire database listening on %s:%d, store %s, cache %d MB%n",
            host, port, file, cacheMb);

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("stopping: closing clients and the store");
            try {
                server.shutdownNow();
            } finally {
                stopped.countDown();
            }
            System.out.println("stopped");
        }, "embedded-mongo-shutdown"));
        stopped.await();
    }
}
