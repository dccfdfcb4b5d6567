using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace BillingOne.Gateway.Tests.Infrastructure;

public static class ProblemAssertions
{
    /// <summary>Asserts an application/problem+json response with the status and title, and returns its body.</summary>
    public static async Task<JsonElement> ShouldBeProblemAsync(this HttpResponseMessage response, HttpStatusCode status, string title)
    {
        response.StatusCode.ShouldBe(status);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("status").GetInt32().ShouldBe((int)status);
        problem.GetProperty("title").GetString().ShouldBe(title);
        return problem;
    }
}
