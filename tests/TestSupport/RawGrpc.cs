using System.Net;
using System.Net.Http.Headers;

namespace BillingOne.Testing;

/// <summary>
/// gRPC calls written byte by byte, for requests no gRPC client would send: each frame is a compressed flag, a 4-byte
/// big-endian length and the message.
/// </summary>
public static class RawGrpc
{
    /// <summary>Requests whose framing is broken, by what is wrong with them (test data: kind, bytes).</summary>
    public static IEnumerable<object[]> MalformedFrames =>
    [
        // Declares 1,000 bytes and sends 2 (an empty field 1).
        ["a message shorter than its length prefix", new byte[] { 0, 0, 0, 0x03, 0xE8, 0x0A, 0x00 }],
        ["a length prefix cut short", new byte[] { 0, 0, 0 }],
        ["the compressed flag without grpc-encoding", new byte[] { 1, 0, 0, 0, 2, 0x0A, 0x00 }],
        ["a compressed flag that is neither 0 nor 1", new byte[] { 7, 0, 0, 0, 0 }],
    ];

    /// <summary>
    /// Sends <paramref name="body"/> as one gRPC call over cleartext HTTP/2; returns its status and message (no status
    /// and the HTTP answer when it was not gRPC's).
    /// </summary>
    public static async Task<(string Status, string Message)> CallAsync(Uri address, string path, byte[] body,
        AuthenticationHeaderValue? authorization = null)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(address, path))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(body),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
        request.Headers.TE.Add(new TransferCodingWithQualityHeaderValue("trailers"));
        request.Headers.Authorization = authorization;

        using var response = await http.SendAsync(request);
        await response.Content.ReadAsByteArrayAsync();
        // An answer without a message carries its status in its headers (trailers-only), any other in its trailers.
        var status = Header(response, "grpc-status");
        return status.Length == 0
            ? ("", $"no gRPC status: HTTP {(int)response.StatusCode} over HTTP/{response.Version}")
            : (status, Uri.UnescapeDataString(Header(response, "grpc-message")));
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.TrailingHeaders.TryGetValues(name, out values)
            ? string.Join(",", values)
            : "";
}
