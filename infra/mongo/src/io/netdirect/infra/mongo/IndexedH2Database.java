package io.netdirect.infra.mongo;

import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.h2.H2Database;

/**
 * An H2 database whose collections are {@link IndexedH2Collection}s. The map
 * names are those {@code H2Database} uses, so a store written by the stock
 * server opens unchanged.
 */
final class IndexedH2Database extends H2Database {

    private static final String DATA_PREFIX = "databases.";
    private static final String META_PREFIX = "meta.";

    private final MVStore store;

    IndexedH2Database(String databaseName, MVStore store, CursorRegistry cursorRegistry) {
        super(databaseName, store, cursorRegistry);
        this.store = store;
    }

    @Override
    protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
        // Called from the super constructor too, before this.store is set.
        MVStore mvStore = store != null ? store : storeOf(this);
        String fullName = getFullCollectionNamespace(collectionName);
        MVMap<Object, Document> dataMap = mvStore.openMap(DATA_PREFIX + fullName);
        MVMap<String, Object> metaMap = mvStore.openMap(META_PREFIX + fullName);
        return new IndexedH2Collection(this, collectionName, options, dataMap, metaMap, cursorRegistry);
    }

    private static MVStore storeOf(H2Database database) {
        try {
            java.lang.reflect.Field field = H2Database.class.getDeclaredField("mvStore");
            field.setAccessible(true);
            return (MVStore) field.get(database);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot reach the H2 database's store", e);
        }
    }
}
