using System.Net;
using System.Net.Http.Json;
using BillingOne.Gateway.Tests.Infrastructure;

namespace BillingOne.Gateway.Tests;

[Collection(GatewayCollection.Name)]
[Trait("Category", "Integration")]
public sealed class RequestBodyLimitTests(GatewayFixture gateway)
{
    private const long DefaultLimitBytes = 1024 * 1024;

    /// <summary>The limit appsettings.json gives the ingestion service's readings route.</summary>
    private const long ReadingsLimitBytes = 16 * 1024 * 1024;

    [Fact]
    public async Task Body_of_exactly_the_default_limit_is_forwarded()
    {
        using var client = gateway.CreateClient();

        using var response = await PostAsync(client, "/api/subscription/imports", DefaultLimitBytes);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadFromJsonAsync<Echo>())!.BodyBytes.ShouldBe(DefaultLimitBytes);
    }

    [Fact]
    public async Task Declared_body_over_the_default_limit_is_a_413_problem()
    {
        using var client = gateway.CreateClient();

        using var response = await PostAsync(client, "/api/subscription/imports", DefaultLimitBytes + 1);

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge, "Request body too large");
        problem.GetProperty("detail").GetString().ShouldNotBeNull().ShouldContain("1,048,576");
    }

    [Fact]
    public async Task A_caller_that_sends_a_whole_refused_body_receives_the_413_and_keeps_its_connection()
    {
        // HTTP/1.1 by hand: the client writes the whole 2 MiB body before it reads anything, as HttpClient does.
        using var socket = new System.Net.Sockets.TcpClient();
        await socket.ConnectAsync(gateway.HttpAddress.Host, gateway.HttpAddress.Port);
        var stream = socket.GetStream();
        var body = new byte[2 * 1024 * 1024];

        foreach (var _ in Enumerable.Range(0, 2))
        {
            var head = $"POST /api/subscription/imports HTTP/1.1\r\nHost: {gateway.HttpAddress.Authority}\r\n" +
                $"Authorization: Bearer {gateway.DefaultApiKey.Key}\r\nContent-Type: application/json\r\n" +
                $"Content-Length: {body.Length}\r\n\r\n";
            await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(head));
            await stream.WriteAsync(body);

            (await ReadStatusLineAndSkipAnswerAsync(stream)).ShouldStartWith("HTTP/1.1 413");
        }
    }

    [Fact]
    public async Task Over_http2_a_declared_body_too_large_to_drain_is_answered_with_the_413_problem()
    {
        // Above Gateway:MaxDrainedBodyBytes (8 MiB): answered at once, then the stream is reset with NO_ERROR, which
        // tells an HTTP/2 client to stop sending and keep the answer (RFC 9113 §8.1).
        using var client = new HttpClient
        {
            BaseAddress = gateway.GrpcAddress,
            DefaultRequestVersion = HttpVersion.Version20,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        client.DefaultRequestHeaders.Add("X-Api-Key", gateway.DefaultApiKey.Key);

        using var response = await client.PostAsync("/api/ingestion/suppressions",
            new ByteArrayContent(new byte[9 * 1024 * 1024]));

        response.Version.ShouldBe(HttpVersion.Version20);
        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge, "Request body too large");
        problem.GetProperty("detail").GetString().ShouldNotBeNull().ShouldContain("1,048,576");
    }

    [Fact]
    public async Task Streamed_body_over_the_default_limit_is_a_413_problem()
    {
        using var client = gateway.CreateClient();
        // No Content-Length: the body arrives chunked and is only found too large while it is being forwarded.
        var content = new StreamContent(new MemoryStream(new byte[DefaultLimitBytes + 1]));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/subscription/imports") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        using var response = await client.SendAsync(request);

        await response.ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge, "Request body too large");
    }

    [Fact]
    public async Task The_readings_route_accepts_a_body_above_the_default_up_to_its_own_limit()
    {
        using var client = gateway.CreateClient();

        using var response = await PostAsync(client, "/api/ingestion/readings", ReadingsLimitBytes);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadFromJsonAsync<Echo>())!.BodyBytes.ShouldBe(ReadingsLimitBytes);
    }

    [Fact]
    public async Task The_readings_route_refuses_a_body_above_its_own_limit()
    {
        using var client = gateway.CreateClient();

        using var response = await PostAsync(client, "/api/ingestion/readings", ReadingsLimitBytes + 1);

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge, "Request body too large");
        problem.GetProperty("detail").GetString().ShouldNotBeNull().ShouldContain("16,777,216");
    }

    [Theory]
    [InlineData("/api/ingestion/suppressions")]
    [InlineData("/api/ingestion/readings/more")]
    public async Task The_rest_of_the_ingestion_api_keeps_the_default_limit(string path)
    {
        using var client = gateway.CreateClient();

        using var response = await PostAsync(client, path, DefaultLimitBytes + 1);

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge, "Request body too large");
        problem.GetProperty("detail").GetString().ShouldNotBeNull().ShouldContain("1,048,576");
    }

    /// <summary>
    /// Posts a body of the given size with its Content-Length and <c>Expect: 100-continue</c>, as well-behaved clients
    /// do with large bodies: a refused body is then never sent, and the client reads the 413 instead of failing to write
    /// into a connection the gateway has closed.
    /// </summary>
    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string path, long bodyBytes)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(new byte[bodyBytes]) };
        request.Headers.ExpectContinue = true;
        return client.SendAsync(request);
    }

    /// <summary>Reads one answer (headers, then a Content-Length or chunked body) and returns its status line.</summary>
    private static async Task<string> ReadStatusLineAndSkipAnswerAsync(Stream stream)
    {
        var headers = new List<string>();
        for (var line = await ReadLineAsync(stream); line.Length > 0; line = await ReadLineAsync(stream))
        {
            headers.Add(line);
        }
        string? Header(string name) => headers.Select(header => header.Split(':', 2))
            .Where(parts => parts.Length == 2 && parts[0].Equals(name, StringComparison.OrdinalIgnoreCase))
            .Select(parts => parts[1].Trim()).SingleOrDefault();
        if (Header("Content-Length") is { } length)
        {
            await stream.ReadExactlyAsync(new byte[int.Parse(length, System.Globalization.CultureInfo.InvariantCulture)]);
        }
        else if (Header("Transfer-Encoding") == "chunked")
        {
            for (var size = await ChunkSizeAsync(stream); size > 0; size = await ChunkSizeAsync(stream))
            {
                await stream.ReadExactlyAsync(new byte[size + 2]);
            }
            await ReadLineAsync(stream);
        }
        headers.ShouldNotBeEmpty();
        return headers[0];
    }

    private static async Task<int> ChunkSizeAsync(Stream stream) =>
        int.Parse(await ReadLineAsync(stream), System.Globalization.NumberStyles.HexNumber,
            System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<string> ReadLineAsync(Stream stream)
    {
        var line = new System.Text.StringBuilder();
        var one = new byte[1];
        while (await stream.ReadAsync(one) == 1 && one[0] != '\n')
        {
            line.Append((char)one[0]);
        }
        return line.ToString().TrimEnd('\r');
    }
}

[Collection(GatewayCollection.Name)]
[Trait("Category", "Integration")]
public sealed class RequestTargetLimitTests(GatewayFixture gateway)
{
    [Theory]
    // Above the services' 8 KiB request line, and far above what Kestrel answered itself with an empty 414 before.
    [InlineData(9_000)]
    [InlineData(100_000)]
    public async Task An_address_longer_than_the_services_take_is_a_414_problem(int queryLength)
    {
        using var client = gateway.CreateClient();

        using var response = await client.GetAsync($"/api/subscription/clients?search={new string('a', queryLength)}");

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.RequestUriTooLong, "Address too long");
        problem.GetProperty("detail").GetString().ShouldNotBeNull().ShouldContain("8,000");
    }

    [Fact]
    public async Task An_address_up_to_the_limit_is_forwarded()
    {
        using var client = gateway.CreateClient();
        var path = "/api/subscription/imports?q=";

        using var response = await client.PostAsync(path + new string('a', 8_000 - path.Length), null);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
