using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Shouldly;

namespace BillingOne.Testing;

public static class HttpAssertions
{
    /// <summary>Asserts an RFC 9457 problem response with <paramref name="status"/> and returns its body.</summary>
    public static async Task<JsonElement> ShouldBeProblemAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(status, body);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json", body);
        var problem = JsonSerializer.Deserialize<JsonElement>(body);
        problem.GetProperty("status").GetInt32().ShouldBe((int)status);
        problem.GetProperty("title").GetString().ShouldNotBeNullOrWhiteSpace();
        // Every error says what to fix, not only what went wrong.
        problem.TryGetProperty("detail", out var detail).ShouldBeTrue(body);
        detail.GetString().ShouldNotBeNullOrWhiteSpace(body);
        return problem;
    }

    /// <summary>The field errors of a validation problem, by field name.</summary>
    public static Dictionary<string, string[]> ValidationErrors(this JsonElement problem) =>
        problem.GetProperty("errors").Deserialize<Dictionary<string, string[]>>()!;

    /// <summary>Asserts a 2xx answer (showing the body otherwise) and reads it as JSON.</summary>
    public static async Task<T> ShouldBeJsonAsync<T>(this HttpResponseMessage response, HttpStatusCode status)
    {
        response.StatusCode.ShouldBe(status, await response.Content.ReadAsStringAsync());
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/json");
        return (await response.Content.ReadFromJsonAsync<T>())!;
    }
}
