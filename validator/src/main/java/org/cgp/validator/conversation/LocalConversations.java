package org.cgp.validator.conversation;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.cgp.validator.bundle.TaskBundle;

/** Conversations from a local file (or the bundled samples), handed out in order, round and round, as conversation bundles. */
public final class LocalConversations implements ConversationSource {
    private final List<Conversation> conversations;
    private final String description;
    private final AtomicInteger next = new AtomicInteger();

    public LocalConversations(List<Conversation> conversations, String description) {
        if (conversations.isEmpty()) throw new IllegalArgumentException("no conversations in " + description);
        this.conversations = List.copyOf(conversations);
        this.description = description;
    }

    @Override public Optional<TaskBundle> reserve() {
        return Optional.of(conversations.get(Math.floorMod(next.getAndIncrement(), conversations.size())).asBundle());
    }

    @Override public String describe() { return description; }
}
