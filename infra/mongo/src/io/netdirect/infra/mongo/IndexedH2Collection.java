package io.netdirect.infra.mongo;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.MVMap;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Collection;

/**
 * An H2 collection with two changes to the stock one.
 *
 * <p><b>A unique key inside a larger filter uses its index.</b> The stock server
 * uses an index only when the filter names exactly the index's fields, so a
 * compare-and-set such as {@code {_id: X, outboxSeq: 3}} read the whole
 * collection (12 µs a document here) while holding the collection's lock. Here
 * such a filter takes the candidates from the unique index (the {@code _id}
 * index first) and matches the rest of the filter on them, as MongoDB does.
 *
 * <p><b>Index creation is serialised with the writes.</b> The stock
 * {@code addIndex} is not synchronised, so an insert racing an index build threw
 * {@code ConcurrentModificationException} from {@code addDocument}.
 */
final class IndexedH2Collection extends H2Collection {

    private static final String ID_FIELD = "_id";

    IndexedH2Collection(MongoDatabase database, String collectionName, CollectionOptions options,
                        MVMap<Object, Document> dataMap, MVMap<String, Object> metaMap,
                        CursorRegistry cursorRegistry) {
        super(database, collectionName, options, dataMap, metaMap, cursorRegistry);
    }

    @Override
    public synchronized void addIndex(Index<Object> index) {
        super.addIndex(index);
    }

    @Override
    public synchronized void dropIndex(String indexName) {
        super.dropIndex(indexName);
    }

    @Override
    protected QueryResult queryDocuments(Document query, Document orderBy, int numberToSkip, int limit,
                                         int batchSize, Document fieldSelector) {
        if (query != null && query.size() > 1) {
            List<Index<Object>> indexes = getIndexes();
            for (Index<Object> index : indexes) {
                if (index.canHandle(query)) {
                    return super.queryDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
                }
            }
            Index<Object> best = null;
            Document bestQuery = null;
            for (Index<Object> index : indexes) {
                if (!index.isUnique()) {
                    continue;
                }
                Set<String> keys = new LinkedHashSet<>();
                index.getKeys().forEach(key -> keys.add(key.getKey()));
                if (!query.keySet().containsAll(keys)) {
                    continue;
                }
                Document narrowed = new Document();
                keys.forEach(key -> narrowed.put(key, query.get(key)));
                if (!index.canHandle(narrowed)) {
                    continue;
                }
                if (best == null || keys.contains(ID_FIELD)) {
                    best = index;
                    bestQuery = narrowed;
                }
            }
            if (best != null) {
                // Every document the whole filter matches is among these candidates.
                Iterable<Object> positions = best.getPositions(bestQuery);
                return matchDocuments(query, positions, orderBy, numberToSkip, limit, batchSize, fieldSelector);
            }
        }
        return super.queryDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
    }
}
