package ai.aragora.rest.debates;

import java.util.LinkedHashMap;
import java.util.Map;

import ai.aragora.api.debate.DebateHandle;
import ai.aragora.api.debate.Message;
import ai.aragora.api.storage.Page;
import ai.aragora.wire.DebateWire;

/** The REST API's own envelopes around the shared wire shapes (API.md). */
final class DebateViews {

    private DebateViews() {
    }

    static Map<String, Object> created(DebateHandle handle) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("success", true);
        view.put("debate_id", handle.id());
        view.put("status", "created");
        view.put("task", handle.spec().task());
        return view;
    }

    static Map<String, Object> messages(String debateId, Page<Message> page) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("debate_id", debateId);
        view.put("messages", page.items().stream().map(DebateWire::message).toList());
        view.put("total", page.total());
        view.put("offset", page.offset());
        view.put("limit", page.limit());
        view.put("has_more", page.hasMore());
        return view;
    }
}
