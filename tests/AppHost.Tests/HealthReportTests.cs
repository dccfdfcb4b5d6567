using System.Net;
using BillingOne.AppHost.Supervision;

namespace BillingOne.AppHost.Tests;

public class HealthReportTests
{
    [Fact]
    public void Names_each_failing_check_of_a_servicedefaults_report()
    {
        const string report = """
            {"status":"Unhealthy","durationMs":12.5,"checks":[
              {"name":"self","status":"Healthy","description":null,"durationMs":0.1},
              {"name":"postgresql","status":"Unhealthy","description":"connection refused","durationMs":10},
              {"name":"masstransit-bus","status":"Degraded","description":null,"durationMs":1}]}
            """;

        HttpHealthProbe.DescribeReport(HttpStatusCode.ServiceUnavailable, report)
            .ShouldBe("Unhealthy — postgresql: Unhealthy (connection refused); masstransit-bus: Degraded");
    }

    [Fact]
    public void A_healthy_report_says_so() =>
        HttpHealthProbe.DescribeReport(HttpStatusCode.OK, """{"status":"Healthy","checks":[]}""").ShouldBe("Healthy");

    [Fact]
    public void A_plain_text_answer_is_shown_with_its_status_code() =>
        HttpHealthProbe.DescribeReport(HttpStatusCode.OK, "Healthy").ShouldBe("HTTP 200 Healthy");

    [Fact]
    public void A_page_that_is_not_a_health_report_shows_only_the_status_code() =>
        HttpHealthProbe.DescribeReport(HttpStatusCode.NotFound, "<html>" + new string('x', 200) + "</html>")
            .ShouldBe("HTTP 404");
}
