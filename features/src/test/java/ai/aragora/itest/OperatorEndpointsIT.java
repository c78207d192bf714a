package ai.aragora.itest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * The endpoints the runbooks curl: admin stats, WebSocket stats, recent errors, rate limits and
 * the receipt retention scheduler. Server admin only: 401 without credentials, 403 for an
 * org's owner; bounded limits; the runbook's JSON fields.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class OperatorEndpointsIT extends AragoraTestSupport {

    private static final List<String> ADMIN_GETS = List.of("/api/admin/stats", "/api/v1/admin/stats", "/api/ws/stats",
            "/api/system/errors?limit=20", "/api/system/rate-limits", "/api/admin/schedulers/receipt-retention/status");

    @Override
    protected List<String> features() {
        return List.of("core", "http", "sqlite", "demo");
    }

    @Before
    public void up() throws Exception {
        await("/readyz to answer 200", Duration.ofSeconds(30), () -> status("/readyz") == 200);
    }

    @Test
    public void onlyTheServerAdminGetsIn() throws Exception {
        Account owner = register("ops-owner");
        for (String path : ADMIN_GETS) {
            assertThat(get(path).statusCode()).as(path + " anonymous").isEqualTo(401);
            HttpResponse<String> denied = get(path, owner.accessToken());
            assertThat(denied.statusCode()).as(path + " org owner").isEqualTo(403);
            assertThat(denied.body()).contains("\"error\"", "\"trace_id\"");
            assertThat(get(path, adminToken()).statusCode()).as(path + " admin").isEqualTo(200);
        }
        assertThat(post("/api/admin/schedulers/receipt-retention/cleanup", null, owner.accessToken()).statusCode()).isEqualTo(403);
    }

    @Test
    public void adminStatsHaveTheFieldsClientsRead() throws Exception {
        register("ops-stats");
        post("/api/v1/debates", "{\"task\":\"Should the stats count this debate?\"}", adminToken());
        String body = get("/api/v1/admin/stats", adminToken()).body();
        assertThat(body).contains("\"total_organizations\":", "\"total_users\":", "\"active_debates\":", "\"debates_by_status\":{",
                "\"agents\":{\"names\":[\"demo-balanced\"", "\"connections\":0", "\"websocket\":{", "\"queue_depth\":0",
                "\"storage\":{", "\"backend\":\"sqlite\"", "\"size_bytes\":{", "\"aragora\":", "\"uptime_seconds\":");
        assertThat(body).doesNotContainPattern("\"total_users\":0[,}]");
        assertThat(get("/api/ws/stats", adminToken()).body()).contains("\"clients\":0", "\"subscriptions\":0",
                "\"messages_per_second\":", "\"slow_clients_dropped_total\":0");
    }

    @Test
    public void recentErrorsAreBoundedAndCarryNoStack() throws Exception {
        for (String bad : List.of("0", "201", "x")) {
            HttpResponse<String> r = get("/api/system/errors?limit=" + bad, adminToken());
            assertThat(r.statusCode()).as("limit=" + bad).isEqualTo(400);
            assertThat(r.body()).contains("\"error\"").doesNotContain("Exception");
        }
        String body = get("/api/system/errors?limit=5", adminToken()).body();
        assertThat(body).contains("\"errors\":[", "\"count\":", "\"total_since_start\":").doesNotContain("\tat ");
    }

    @Test
    public void rateLimitsNameTheDebateCreationLimiter() throws Exception {
        assertThat(get("/api/system/rate-limits", adminToken()).body()).contains("\"name\":\"debates.create\"",
                "\"scope\":\"principal\"", "\"per_minute\":30.0", "\"burst\":10", "\"rejected_total\":",
                "\"shared\":false");
        assertThat(get("/api/system/rate-limits", adminToken()).body()).contains("\"name\":\"auth.login\"", "\"scope\":\"email\"");
    }

    @Test
    public void receiptRetentionRunsByHandDryByDefault() throws Exception {
        assertThat(get("/api/admin/schedulers/receipt-retention/status", adminToken()).body()).contains("\"running\":true",
                "\"interval_hours\":24", "\"retention_days\":2555", "\"stats\":{\"total_runs\":", "\"success_rate\":");
        assertThat(post("/api/admin/schedulers/receipt-retention/cleanup", null, adminToken()).body())
                .contains("\"dry_run\":true", "\"receipts_expired\":0");
        assertThat(post("/api/v1/admin/schedulers/receipt-retention/cleanup?dry_run=false", null, adminToken()).body())
                .contains("\"dry_run\":false", "\"receipts_deleted\":0", "\"success\":true");
        assertThat(get("/api/admin/schedulers/receipt-retention/status", adminToken()).body()).contains("\"total_runs\":1");
        assertThat(post("/api/admin/schedulers/receipt-retention/cleanup?dry_run=maybe", null, adminToken()).statusCode()).isEqualTo(400);
        assertThat(get("/api/admin/schedulers/nope/status", adminToken()).statusCode()).isEqualTo(404);
        assertThat(get("/api/metrics").body()).contains("aragora_receipt_cleanup_total{result=\"dry_run\",} 1.0",
                "aragora_receipt_cleanup_duration_seconds_count", "aragora_receipts_deleted_total 0.0");
    }

    @Test
    public void anOrgsDebateHistoryExportsStreamedAsJsonOrCsv() throws Exception {
        Account a = register("export-a");
        Account b = register("export-b");
        for (int i = 0; i < 3; i++) {
            assertThat(post("/api/v1/debates", "{\"task\":\"Export question " + i + ", \\\"quoted\\\"?\"}", a.accessToken()).statusCode())
                    .isEqualTo(201);
        }
        post("/api/v1/debates", "{\"task\":\"Another org's question\"}", b.accessToken());

        HttpResponse<String> csv = get("/api/debates/export?format=csv", a.accessToken());
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        String[] lines = csv.body().split("\r\n");
        assertThat(lines).hasSize(4);
        assertThat(lines[0]).isEqualTo("id,task,status,created_at,updated_at,round_count,agent_count,has_consensus");
        assertThat(lines[1]).contains("\"Export question 2, \"\"quoted\"\"?\"");
        assertThat(csv.body()).doesNotContain("Another org");

        String json = get("/api/v1/debates/export?format=json", a.accessToken()).body();
        assertThat(json).startsWith("[").contains("\"task\":\"Export question 0").doesNotContain("Another org");
        assertThat(json.split("\"id\":").length - 1).isEqualTo(3);
        assertThat(get("/api/debates/export?since=2999-01-01T00:00:00Z", a.accessToken()).body().replaceAll("\\s", "")).isEqualTo("[]");
        assertThat(get("/api/debates/export?format=json", adminToken()).body()).contains("Export question 1", "Another org");

        assertThat(get("/api/debates/export").statusCode()).isEqualTo(401);
        assertThat(get("/api/debates/export?format=xml", a.accessToken()).statusCode()).isEqualTo(400);
        assertThat(get("/api/debates/export?since=yesterday", a.accessToken()).statusCode()).isEqualTo(400);
        assertThat(get("/api/debates/export?status=nope", a.accessToken()).statusCode()).isEqualTo(400);
        assertThat(get("/api/debates/export?org=" + b.orgId(), a.accessToken()).statusCode()).isEqualTo(404);
    }
}
