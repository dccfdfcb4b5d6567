using System.Security.Cryptography;
using System.Text;

namespace BillingOne.Ingestion.Domain.Webhooks;

/// <summary>
/// Checks that a delivery comes from the vendor. Comparisons take the same time however many bytes match, so a caller
/// cannot find a valid signature byte by byte.
/// </summary>
public static class WebhookSignatures
{
    /// <summary>
    /// Xero: <c>x-xero-signature</c> is base64(HMAC-SHA256(raw body, webhook key)). The header is compared as text with
    /// the canonical encoding, so a variant that decodes to the same bytes (other padding bits) is refused too.
    /// </summary>
    public static bool XeroSignatureHolds(ReadOnlySpan<byte> body, string webhookKey, string? signature)
    {
        if (string.IsNullOrEmpty(signature))
        {
            return false;
        }
        var expected = Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(webhookKey), body));
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.UTF8.GetBytes(signature));
    }

    /// <summary>
    /// A shared secret sent in a header: the hashes are compared, so neither the secret's length nor its bytes leak.
    /// </summary>
    public static bool SharedSecretHolds(string secret, string? presented) =>
        !string.IsNullOrEmpty(presented) && CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(secret)), SHA256.HashData(Encoding.UTF8.GetBytes(presented)));

    /// <summary>The whole delivery's identity: a replay of the same bytes is the same delivery.</summary>
    public static string BodyHash(ReadOnlySpan<byte> body) => $"sha256:{Convert.ToHexStringLower(SHA256.HashData(body))}";
}
