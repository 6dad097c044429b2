package ai.darwin.hitl;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import ai.darwin.testing.MongoServerResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The web dashboard is five static files, served as they are: no build step, nothing fetched from elsewhere. */
@QuarkusTest
@WithTestResource(InMemoryChannels.class)
@WithTestResource(MongoServerResource.class)
class DashboardPageTest {

    @Test
    void theRootServesThePageWithItsScriptAndStyles() {
        given().get("/").then().statusCode(200).contentType(startsWith("text/html"))
                .body(containsString("<script src=\"dashboard.js\""))
                .body(containsString("<link rel=\"stylesheet\" href=\"dashboard.css\""))
                .body(containsString("<script src=\"plots.js\""))
                .body(containsString("<script src=\"variant.js\""))
                .body(containsString("<script src=\"runform.js\""))
                // no CDN: every script and style comes from hitl-service itself
                .body(not(containsString("http")));
        given().get("/plots.js").then().statusCode(200);
        given().get("/variant.js").then().statusCode(200);
        given().get("/runform.js").then().statusCode(200);
        given().get("/dashboard.js").then().statusCode(200).contentType(containsString("javascript"))
                .body(containsString("/api/runs"))
                .body(containsString("/approvals?status=pending"))
                .body(containsString("/interventions"))
                // the token from ./darwin's address: kept for the tab, out of the address bar, sent as a bearer
                .body(containsString("sessionStorage.setItem(TOKEN, address.searchParams.get(\"token\"))"))
                .body(containsString("history.replaceState("))
                .body(containsString("headers.Authorization = \"Bearer \" + token()"))
                .body(not(containsString("by: ")))
                .body(containsString("fact(\"LLM cost\", spend(d, c))"))
                // pushed, never polled
                .body(containsString("new EventSource(\"/api/updates\""))
                .body(not(containsString("setInterval(")));
        given().get("/dashboard.css").then().statusCode(200).contentType(startsWith("text/css"));
    }
}
