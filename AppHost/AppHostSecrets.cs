using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;

namespace BillingOne.AppHost;

/// <summary>
/// The signing keys, database passwords and demo credentials of one data directory. Keys and the admin API key are generated on the
/// first start and kept in the data directory (readable by the owner only), so a restart keeps web sessions and the
/// printed API key valid; another data directory gets its own. <c>AppHost:Seed:OwnerPassword</c> and
/// <c>AppHost:Seed:AdminApiKey</c> replace the demo credentials, e.g. for tests that need to know them in advance.
/// </summary>
public sealed partial record AppHostSecrets(
    string InternalTokenSigningKey,
    string SessionSigningKey,
    string OwnerPassword,
    string AdminApiKey,
    string DatabaseRolesKey,
    string KeyEncryptionKey)
{
    /// <summary>The demo organization's owner, seeded by the identity service.</summary>
    public const string OwnerEmail = "owner@demo.billingone.dev";
    public const string DefaultOwnerPassword = "BillingOne-demo-2026!";

    public const string InternalTokenKeyFile = "internal-token.key";
    public const string SessionKeyFile = "session-token.key";
    public const string AdminApiKeyFile = "seed-admin-api.key";
    public const string DatabaseRolesKeyFile = "database-roles.key";

    /// <summary>Wraps the services' Data Protection key rings; kept here, never in the databases it protects.</summary>
    public const string KeyEncryptionKeyFile = "key-encryption.key";

    /// <summary>The identity service's rule for users' passwords, the seeded owner's included.</summary>
    public const int MinimumPasswordLength = 12;

    private const int KeyBytes = 32;
    private const string Base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private const string PrefixCharacters = "abcdefghijklmnopqrstuvwxyz0123456789";

    public static AppHostSecrets LoadOrCreate(string dataDirectory, IConfiguration configuration)
    {
        var seed = configuration.GetSection($"{AppHostSettings.Section}:Seed");
        // Taken as given: spaces may be part of a password.
        var ownerPassword = seed["OwnerPassword"] is { Length: > 0 } configured ? configured : DefaultOwnerPassword;
        if (ownerPassword.Length < MinimumPasswordLength)
        {
            // The subscription service would refuse it and never start; say so before anything starts.
            throw new InvalidOperationException(
                $"{AppHostSettings.Section}:Seed:OwnerPassword must be at least {MinimumPasswordLength} characters.");
        }
        var adminApiKey = NonEmpty(seed["AdminApiKey"]);
        if (adminApiKey is not null && !IsApiKey(adminApiKey))
        {
            throw new InvalidOperationException(
                $"{AppHostSettings.Section}:Seed:AdminApiKey must look like bo_<8 lowercase letters or digits>_<32 letters or digits>.");
        }

        try
        {
            Directory.CreateDirectory(dataDirectory);
            return new AppHostSecrets(
                LoadOrCreate(Path.Combine(dataDirectory, InternalTokenKeyFile), NewSigningKey, IsSigningKey),
                LoadOrCreate(Path.Combine(dataDirectory, SessionKeyFile), NewSigningKey, IsSigningKey),
                ownerPassword,
                adminApiKey ?? LoadOrCreate(Path.Combine(dataDirectory, AdminApiKeyFile), NewApiKey, IsApiKey),
                LoadOrCreate(Path.Combine(dataDirectory, DatabaseRolesKeyFile), NewSigningKey, IsSigningKey),
                LoadOrCreate(Path.Combine(dataDirectory, KeyEncryptionKeyFile), NewSigningKey, IsSigningKey));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException(
                $"The keys in {dataDirectory} cannot be read or written: {exception.Message}");
        }
    }

    /// <summary>
    /// The password of one of the services' database roles, derived from one generated key so that every role has
    /// its own and a restart gives the same. Hex: nothing to escape inside a connection string.
    /// </summary>
    public string DatabasePassword(string role) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Convert.FromBase64String(DatabaseRolesKey),
            System.Text.Encoding.UTF8.GetBytes(role)));

    /// <summary>An API key in BillingOne's format: <c>bo_&lt;prefix&gt;_&lt;secret&gt;</c>.</summary>
    private static string NewApiKey() =>
        $"bo_{RandomNumberGenerator.GetString(PrefixCharacters, 8)}_{RandomNumberGenerator.GetString(Base62, 32)}";

    private static bool IsApiKey(string value) => ApiKeyPattern().IsMatch(value);

    private static string NewSigningKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(KeyBytes));

    private static bool IsSigningKey(string value)
    {
        var bytes = new byte[value.Length];
        return Convert.TryFromBase64String(value, bytes, out var length) && length >= KeyBytes;
    }

    private static string LoadOrCreate(string path, Func<string> create, Func<string, bool> isValid)
    {
        if (!File.Exists(path))
        {
            try
            {
                WriteOwnerOnly(path, create());
            }
            catch (IOException) when (File.Exists(path))
            {
                // Created by someone else in the meantime: theirs is read below like any existing file.
            }
        }

        var value = File.ReadAllText(path).Trim();
        return isValid(value)
            ? value
            : throw new InvalidOperationException(
                $"{path} does not hold a valid value; delete it and a new one is generated at the next start.");
    }

    private static void WriteOwnerOnly(string path, string value)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            // Set at creation, so the secret is never readable by others, not even for a moment.
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        using var writer = new StreamWriter(path, options);
        writer.Write(value);
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    [GeneratedRegex("^bo_[a-z0-9]{8}_[A-Za-z0-9]{32}$")]
    private static partial Regex ApiKeyPattern();
}
