using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using BillingOne.Testing;
using Shouldly;

namespace BillingOne.EndToEnd.Tests;

/// <summary>
/// Every operation of every service's public OpenAPI document, called through the gateway with a fixed corpus of bad
/// input — odd path ids, bad query values, bad JSON bodies, over-limit and mistyped bodies, overlong addresses — once
/// with admin keys and once with keys scoped to one client. Nothing may answer 5xx, every 4xx is a problem document,
/// and the client-scoped keys change nothing (the audit log is the witness).
/// </summary>
[Collection(RunningSystemCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed partial class GatewayFuzzTests(SystemFixture fixture)
{
    private static readonly string[] Services =
        ["identity", "ingestion", "subscription", "invoice", "reconciliation", "metering", "projection"];

    /// <summary>Keys per caller kind: the corpus spread over several keys stays inside each key's rate limit.</summary>
    private const int KeysPerCaller = 5;

    /// <summary>Path segments in place of every route parameter (already escaped for the URL).</summary>
    private static readonly string[] PathIds =
    [
        "0", "-1", "not-a-guid", "%00", "%FF", "%ED%A0%80", "%07", "..%2F..", new string('9', 400),
        "00000000-0000-0000-0000-000000000000", Guid.NewGuid().ToString(),
    ];

    /// <summary>Values for every query parameter at once (already escaped for the URL).</summary>
    private static readonly string[] QueryValues =
        ["%00", "%FF", "%ED%A0%80", "%07", "1e400", "1e-400", "-1", "%5B%5D", "99999999999999999999999", new string('a', 5000)];

    /// <summary>JSON values for every property of a body at once (raw JSON text, UTF-8 unless bytes are given).</summary>
    private static readonly string[] PropertyValues =
    [
        "\"\\u0000\"", "\"name\\u0007bell\"", "\"\\ud800\"", "\"\\udc00 tail\"", "1e400", "1e-400", "-1e30",
        "79228162514264337593543950336", "0.0000000000000000000000000000001", "true", "[]", "{}", "null",
        "\"" + new string('x', 100_000) + "\"", new string('[', 200) + new string(']', 200),
    ];

    private sealed record Operation(string Service, string Method, string Path, IReadOnlyList<string> QueryParameters,
        IReadOnlyList<string>? BodyProperties, bool BodyIsArray)
    {
        public override string ToString() => $"{Method} {Path}";
    }

    /// <summary>One call of the corpus; its body is made anew for each send (a sent request disposes its content).</summary>
    private sealed record Attempt(string Method, string Url, Func<HttpContent?> Body, string Description);

    [SystemFact]
    public async Task Bad_input_to_every_operation_is_a_problem_never_a_5xx_and_a_client_scoped_key_changes_nothing()
    {
        var callers = new GatewayCallers(fixture.System);
        var own = await callers.CreateClientAsync($"Fuzz own {Guid.NewGuid():N}"[..21]);
        var other = await callers.CreateClientAsync($"Fuzz other {Guid.NewGuid():N}"[..23]);
        var otherBefore = await callers.Admin.GetStringAsync($"/api/subscription/clients/{other}");
        var admins = new List<HttpClient>();
        var scoped = new List<HttpClient>();
        var scopedKeyIds = new List<Guid>();
        for (var i = 0; i < KeysPerCaller; i++)
        {
            admins.Add(callers.KeyClient((await callers.CreateKeyAsync($"fuzz admin {i}", "admin")).Key));
            var (id, key) = await callers.CreateKeyAsync($"fuzz scoped {i}", "finance", own);
            scopedKeyIds.Add(id);
            scoped.Add(callers.KeyClient(key));
        }

        var operations = new List<Operation>();
        foreach (var service in Services)
        {
            operations.AddRange(Operations(service,
                await callers.Admin.GetFromJsonAsync<JsonElement>($"/openapi/{service}.json")));
        }
        operations.Count.ShouldBeGreaterThan(50, "the walk must see the services' operations");
        var attempts = operations.SelectMany(Attempts).Concat(AddressAttempts()).ToList();

        var failures = new ConcurrentQueue<string>();
        await SendAllAsync(attempts, admins, "admin", failures);
        await SendAllAsync(attempts, scoped, "client-scoped", failures);

        failures.Take(40).ShouldBeEmpty($"{failures.Count} of {attempts.Count * 2} calls failed");

        // A change of the admin's own, once in the audit read model, shows the changes made before it have arrived.
        var marker = $"Fuzz marked {Guid.NewGuid():N}"[..24];
        (await callers.Admin.PatchAsJsonAsync($"/api/subscription/clients/{own}", new { name = marker }))
            .EnsureSuccessStatusCode();
        await Eventually.AssertAsync(async () =>
            (await callers.Admin.GetStringAsync("/api/projection/audit-log?table=clients&action=update"))
                .ShouldContain(marker));
        foreach (var keyId in scopedKeyIds)
        {
            var audit = await callers.Admin.GetFromJsonAsync<JsonElement>($"/api/projection/audit-log?actorId={keyId}");
            audit.GetProperty("items").EnumerateArray().ShouldBeEmpty($"client-scoped key {keyId} changed something");
        }
        (await callers.Admin.GetStringAsync($"/api/subscription/clients/{other}")).ShouldBe(otherBefore);
    }

    private static async Task SendAllAsync(IReadOnlyList<Attempt> attempts, IReadOnlyList<HttpClient> keys, string caller,
        ConcurrentQueue<string> failures)
    {
        var next = -1;
        await Task.WhenAll(keys.Select(async key =>
        {
            for (var index = Interlocked.Increment(ref next); index < attempts.Count; index = Interlocked.Increment(ref next))
            {
                var attempt = attempts[index];
                if (await CheckAsync(key, attempt) is { } failure)
                {
                    failures.Enqueue($"{caller} {attempt.Description}: {failure}");
                }
            }
        }));
    }

    /// <summary>Null when the answer is acceptable, else what is wrong with it.</summary>
    private static async Task<string?> CheckAsync(HttpClient key, Attempt attempt)
    {
        HttpResponseMessage response;
        try
        {
            response = await SendAsync(key, attempt);
        }
        catch (HttpRequestException)
        {
            // A server may close a kept-alive connection just as the client reuses it; a client sends again once.
            try
            {
                response = await SendAsync(key, attempt);
            }
            catch (HttpRequestException exception)
            {
                return $"no answer ({exception.Message})";
            }
        }
        using (response)
        {
            if (response.StatusCode == HttpStatusCode.BadRequest && attempt.Url.Contains("/%00", StringComparison.Ordinal)
                && response.Content.Headers.ContentLength == 0)
            {
                // Kestrel refuses a request line whose path decodes to a NUL before any middleware runs, and such an
                // answer cannot carry a body (dotnet/aspnetcore#4726): a 400 is all that can be asked of it.
                return null;
            }
            var status = (int)response.StatusCode;
            if (status >= 500)
            {
                return $"{status} {Shorten(await response.Content.ReadAsStringAsync())}";
            }
            if (status >= 400 && response.Content.Headers.ContentType?.MediaType != "application/problem+json")
            {
                return $"{status} with {response.Content.Headers.ContentType?.MediaType ?? "no content type"}, " +
                    "not a problem document";
            }
            return null;
        }
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient key, Attempt attempt)
    {
        using var request = new HttpRequestMessage(new HttpMethod(attempt.Method), attempt.Url) { Content = attempt.Body() };
        return await key.SendAsync(request);
    }

    private static IEnumerable<Operation> Operations(string service, JsonElement document)
    {
        var schemas = document.TryGetProperty("components", out var components)
                      && components.TryGetProperty("schemas", out var found)
            ? found
            : default;
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var method in path.Value.EnumerateObject())
            {
                var query = method.Value.TryGetProperty("parameters", out var parameters)
                    ? parameters.EnumerateArray().Where(p => p.GetProperty("in").GetString() == "query")
                        .Select(p => p.GetProperty("name").GetString()!).ToList()
                    : [];
                var (properties, isArray) = BodyShape(method.Value, schemas);
                yield return new Operation(service, method.Name.ToUpperInvariant(), path.Name, query, properties, isArray);
            }
        }
    }

    /// <summary>The JSON body's top-level property names (empty: a body without declared properties); null: no body.</summary>
    private static (IReadOnlyList<string>? Properties, bool IsArray) BodyShape(JsonElement operation, JsonElement schemas)
    {
        if (!operation.TryGetProperty("requestBody", out var body)
            || !body.GetProperty("content").EnumerateObject().Any(c => c.Name.Contains("json", StringComparison.Ordinal)))
        {
            return (null, false);
        }
        var schema = body.GetProperty("content").EnumerateObject().First(c => c.Name.Contains("json", StringComparison.Ordinal))
            .Value.TryGetProperty("schema", out var declared) ? Resolve(declared, schemas) : default;
        var isArray = schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("items", out var items);
        if (isArray)
        {
            schema = Resolve(schema.GetProperty("items"), schemas);
        }
        var properties = schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("properties", out var props)
            ? props.EnumerateObject().Select(p => p.Name).ToList()
            : [];
        return (properties, isArray);
    }

    private static JsonElement Resolve(JsonElement schema, JsonElement schemas) =>
        schema.TryGetProperty("$ref", out var reference) && schemas.ValueKind == JsonValueKind.Object
            ? schemas.GetProperty(reference.GetString()!.Split('/')[^1])
            : schema;

    private static IEnumerable<Attempt> Attempts(Operation operation)
    {
        var hasParameters = RouteParameter().IsMatch(operation.Path);
        var path = RouteParameter().Replace(operation.Path, Guid.NewGuid().ToString());
        foreach (var id in hasParameters ? PathIds : [])
        {
            yield return new Attempt(operation.Method, RouteParameter().Replace(operation.Path, id), () => DefaultBody(operation),
                $"{operation} with path id '{Shorten(id)}'");
        }
        foreach (var value in operation.QueryParameters.Count > 0 ? QueryValues : [])
        {
            var query = string.Join('&', operation.QueryParameters.Select(name => $"{name}={value}"));
            yield return new Attempt(operation.Method, $"{path}?{query}", () => DefaultBody(operation),
                $"{operation} with every query parameter '{Shorten(value)}'");
        }
        if (operation.BodyProperties is not { } properties)
        {
            yield break;
        }
        foreach (var value in PropertyValues)
        {
            var item = "{" + string.Join(',', properties.Select(name => $"\"{name}\":{value}")) + "}";
            var body = operation.BodyIsArray ? $"[{item}]" : item;
            yield return new Attempt(operation.Method, path, () => Json(body),
                $"{operation} with every body property {Shorten(value)}");
        }
        foreach (var (body, what) in WholeBodies())
        {
            yield return new Attempt(operation.Method, path, body, $"{operation} with {what}");
        }
    }

    private static IEnumerable<(Func<HttpContent?> Body, string What)> WholeBodies()
    {
        yield return (() => Json(""), "an empty body");
        yield return (() => Json("null"), "a null body");
        yield return (() => Json("{\"unclosed\": "), "broken JSON");
        yield return (() => Json(new string('[', 10_000) + new string(']', 10_000)), "10,000 levels of nesting");
        yield return (() => Json("{\"name\":\"" + new string('x', 2 * 1024 * 1024) + "\"}"), "a 2 MiB body");
        yield return (() =>
        {
            var invalidUtf8 = new ByteArrayContent([.. "{\"name\":\""u8, 0xFF, 0xFE, .. "\"}"u8]);
            invalidUtf8.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            return invalidUtf8;
        }, "invalid UTF-8");
        yield return (() => new StringContent("name=x", Encoding.UTF8, "text/plain"), "a text/plain body");
    }

    /// <summary>Addresses no operation has: overlong and odd paths under each service's prefix.</summary>
    private static IEnumerable<Attempt> AddressAttempts()
    {
        foreach (var service in Services)
        {
            yield return new Attempt("GET", $"/api/{service}/{new string('a', 16 * 1024)}", () => null,
                $"a 16 KiB path of {service}");
            yield return new Attempt("GET", $"/api/{service}/x?q={new string('a', 100 * 1024)}", () => null,
                $"a 100 KiB query of {service}");
            yield return new Attempt("GET", $"/api/{service}/%00", () => null, $"a NUL path of {service}");
            yield return new Attempt("TRACE", $"/api/{service}/", () => null, $"TRACE on {service}");
        }
    }

    /// <summary>An empty JSON object for operations that take a body, so that only the part under test is odd.</summary>
    private static HttpContent? DefaultBody(Operation operation) =>
        operation.BodyProperties is null ? null : Json(operation.BodyIsArray ? "[]" : "{}");

    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    private static string Shorten(string text) => text.Length <= 60 ? text : $"{text[..40]}…({text.Length} chars)";

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex RouteParameter();
}
