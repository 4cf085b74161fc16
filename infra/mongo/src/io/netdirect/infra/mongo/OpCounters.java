package io.netdirect.infra.mongo;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;

import de.bwaldvogel.mongo.bson.Document;

/**
 * Operation counters as MongoDB's {@code serverStatus.opcounters} reports them:
 * inserted documents, queries (find), update and delete statements, getMore,
 * and every other command (findAndModify and aggregate among them).
 */
final class OpCounters {

    private final LongAdder insert = new LongAdder();
    private final LongAdder query = new LongAdder();
    private final LongAdder update = new LongAdder();
    private final LongAdder delete = new LongAdder();
    private final LongAdder getmore = new LongAdder();
    private final LongAdder command = new LongAdder();

    void count(String name, Document body) {
        switch (name.toLowerCase(Locale.ROOT)) {
            case "insert" -> insert.add(statements(body, "documents"));
            case "update" -> update.add(statements(body, "updates"));
            case "delete" -> delete.add(statements(body, "deletes"));
            case "find" -> query.increment();
            case "getmore" -> getmore.increment();
            default -> command.increment();
        }
    }

    /** The statements of a write sent in the command body (the driver sends them as a document sequence, merged in). */
    private static long statements(Document body, String field) {
        Object value = body.get(field);
        return value instanceof List<?> list ? Math.max(1, list.size()) : 1;
    }

    Document toDocument() {
        Document out = new Document();
        out.put("insert", insert.sum());
        out.put("query", query.sum());
        out.put("update", update.sum());
        out.put("delete", delete.sum());
        out.put("getmore", getmore.sum());
        out.put("command", command.sum());
        return out;
    }
}
