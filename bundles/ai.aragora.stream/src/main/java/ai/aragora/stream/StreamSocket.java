package ai.aragora.stream;

import org.eclipse.jetty.websocket.api.Session;

import ai.aragora.api.auth.AuthPrincipal;

/** The Jetty endpoint of one client: hands what happens on the socket to the hub. Public: Jetty calls it through method handles. */
public final class StreamSocket implements Session.Listener.AutoDemanding {

    private final StreamHub hub;
    private final AuthPrincipal principal;
    private volatile StreamConnection connection;

    StreamSocket(StreamHub hub, AuthPrincipal principal) {
        this.hub = hub;
        this.principal = principal;
    }

    @Override
    public void onWebSocketOpen(Session session) {
        connection = hub.opened(session, principal);
    }

    @Override
    public void onWebSocketText(String message) {
        StreamConnection c = connection;
        if (c != null) {
            hub.received(c, message);
        }
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason) {
        StreamConnection c = connection;
        if (c != null) {
            hub.closed(c);
        }
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        StreamConnection c = connection;
        if (c != null) {
            hub.closed(c);
        }
    }
}
