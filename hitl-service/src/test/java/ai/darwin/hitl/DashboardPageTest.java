package ai.darwin.hitl;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import ai.darwin.testing.MongoServerResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The web dashboard is three static files, served as they are: no build step, nothing fetched from elsewhere. */
@QuarkusTest
@WithTestResource(InMemoryChannels.class)
@WithTestResource(MongoServerResource.class)
class DashboardPageTest {

    @Test
    void theRootServesThePageWithItsScriptAndStyles() {
        given().get("/").then().statusCode(200).contentType(startsWith("text/html"))
                .body(containsString("<script src=\"dashboard.js\""))
                .body(containsString("<link rel=\"stylesheet\" href=\"dashboard.css\""));
        given().get("/dashboard.js").then().statusCode(200).contentType(containsString("javascript"))
                .body(containsString("/api/runs"))
                .body(containsString("/approvals?status=pending"))
                .body(containsString("/interventions"))
                // the token from ./darwin's address: kept for the tab, out of the address bar, sent as a bearer
                .body(containsString("sessionStorage.setItem(TOKEN, address.searchParams.get(\"token\"))"))
                .body(containsString("history.replaceState("))
                .body(containsString("headers.Authorization = \"Bearer \" + token()"))
                .body(not(containsString("by: ")))
                .body(containsString("fact(\"LLM cost\", spend(d, c))"));
        given().get("/dashboard.css").then().statusCode(200).contentType(startsWith("text/css"));
    }
}
