package ai.aragora.stream;

import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.UpgradeRequest;
import org.eclipse.jetty.websocket.api.UpgradeResponse;

/** A socket that records what is written; completes writes at once, or never when stalled. */
final class FakeSession implements Session {

    final List<String> sent = new ArrayList<>();
    final List<Callback> pending = new ArrayList<>();
    boolean stalled;
    int closeStatus = -1;
    String closeReason;

    @Override
    public void sendText(String text, Callback callback) {
        sent.add(text);
        if (stalled) {
            pending.add(callback);
        } else {
            callback.succeed();
        }
    }

    @Override
    public void close(int statusCode, String reason, Callback callback) {
        closeStatus = statusCode;
        closeReason = reason;
        callback.succeed();
    }

    @Override public void demand() { }
    @Override public void sendBinary(ByteBuffer buffer, Callback callback) { callback.succeed(); }
    @Override public void sendPartialBinary(ByteBuffer buffer, boolean last, Callback callback) { callback.succeed(); }
    @Override public void sendPartialText(String text, boolean last, Callback callback) { callback.succeed(); }
    @Override public void sendPing(ByteBuffer payload, Callback callback) { callback.succeed(); }
    @Override public void sendPong(ByteBuffer payload, Callback callback) { callback.succeed(); }
    @Override public void disconnect() { }
    @Override public SocketAddress getLocalSocketAddress() { return null; }
    @Override public SocketAddress getRemoteSocketAddress() { return null; }
    @Override public String getProtocolVersion() { return "13"; }
    @Override public UpgradeRequest getUpgradeRequest() { return null; }
    @Override public UpgradeResponse getUpgradeResponse() { return null; }
    @Override public boolean isOpen() { return closeStatus < 0; }
    @Override public boolean isSecure() { return false; }
    @Override public Duration getIdleTimeout() { return Duration.ZERO; }
    @Override public void setIdleTimeout(Duration duration) { }
    @Override public int getInputBufferSize() { return 0; }
    @Override public void setInputBufferSize(int size) { }
    @Override public int getOutputBufferSize() { return 0; }
    @Override public void setOutputBufferSize(int size) { }
    @Override public long getMaxBinaryMessageSize() { return 0; }
    @Override public void setMaxBinaryMessageSize(long size) { }
    @Override public long getMaxTextMessageSize() { return 0; }
    @Override public void setMaxTextMessageSize(long size) { }
    @Override public long getMaxFrameSize() { return 0; }
    @Override public void setMaxFrameSize(long maxFrameSize) { }
    @Override public boolean isAutoFragment() { return false; }
    @Override public void setAutoFragment(boolean autoFragment) { }
    @Override public int getMaxOutgoingFrames() { return 0; }
    @Override public void setMaxOutgoingFrames(int maxOutgoingFrames) { }
}
