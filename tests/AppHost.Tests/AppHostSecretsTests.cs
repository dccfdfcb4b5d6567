
using Microsoft.Extensions.Configuration;

namespace BillingOne.AppHost.Tests;

public sealed class AppHostSecretsTests : IDisposable
{
    private readonly string _dataDirectory = Path.Combine(
        Directory.CreateTempSubdirectory("billingone-apphost-secrets-").FullName, "apphost");

    public void Dispose() => Directory.Delete(Path.GetDirectoryName(_dataDirectory)!, recursive: true);

    private AppHostSecrets Load(string? dataDirectory = null, Dictionary<string, string?>? settings = null) =>
        AppHostSecrets.LoadOrCreate(dataDirectory ?? _dataDirectory,
            new ConfigurationBuilder().AddInMemoryCollection(settings ?? []).Build());

    [Fact]
    public void First_start_generates_keys_of_32_bytes_and_an_admin_key_in_the_api_key_format()
    {
        var secrets = Load();

        Convert.FromBase64String(secrets.InternalTokenSigningKey).Length.ShouldBe(32);
        Convert.FromBase64String(secrets.SessionSigningKey).Length.ShouldBe(32);
        secrets.InternalTokenSigningKey.ShouldNotBe(secrets.SessionSigningKey);
        secrets.AdminApiKey.ShouldMatch("^bo_[a-z0-9]{8}_[A-Za-z0-9]{32}$");
        secrets.OwnerPassword.ShouldBe(AppHostSecrets.DefaultOwnerPassword);
    }

    [Fact]
    public void Secrets_are_kept_in_the_data_directory_readable_by_the_owner_only()
    {
        var secrets = Load();

        File.ReadAllText(Path.Combine(_dataDirectory, AppHostSecrets.InternalTokenKeyFile)).ShouldBe(secrets.InternalTokenSigningKey);
        File.ReadAllText(Path.Combine(_dataDirectory, AppHostSecrets.SessionKeyFile)).ShouldBe(secrets.SessionSigningKey);
        File.ReadAllText(Path.Combine(_dataDirectory, AppHostSecrets.AdminApiKeyFile)).ShouldBe(secrets.AdminApiKey);
        File.ReadAllText(Path.Combine(_dataDirectory, AppHostSecrets.KeyEncryptionKeyFile)).ShouldBe(secrets.KeyEncryptionKey);
        Convert.FromBase64String(secrets.KeyEncryptionKey).Length.ShouldBe(32);
        if (!OperatingSystem.IsWindows())
        {
            foreach (var file in new[] { AppHostSecrets.InternalTokenKeyFile, AppHostSecrets.SessionKeyFile, AppHostSecrets.AdminApiKeyFile, AppHostSecrets.KeyEncryptionKeyFile })
            {
                File.GetUnixFileMode(Path.Combine(_dataDirectory, file)).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }
    }

    [Fact]
    public void A_restart_keeps_the_secrets_and_another_data_directory_gets_its_own()
    {
        var first = Load();

        var restarted = Load();
        var elsewhere = Load(Path.Combine(Path.GetDirectoryName(_dataDirectory)!, "other"));

        restarted.ShouldBe(first);
        elsewhere.InternalTokenSigningKey.ShouldNotBe(first.InternalTokenSigningKey);
        elsewhere.SessionSigningKey.ShouldNotBe(first.SessionSigningKey);
        elsewhere.AdminApiKey.ShouldNotBe(first.AdminApiKey);
        elsewhere.KeyEncryptionKey.ShouldNotBe(first.KeyEncryptionKey);
    }

    [Fact]
    public void Configuration_sets_the_owner_password_and_the_admin_key()
    {
        var secrets = Load(settings: new()
        {
            ["AppHost:Seed:OwnerPassword"] = " spaced password ",
            ["AppHost:Seed:AdminApiKey"] = "bo_e2etests_0123456789abcdefghijABCDEFGHIJ01",
        });

        secrets.OwnerPassword.ShouldBe(" spaced password ");
        secrets.AdminApiKey.ShouldBe("bo_e2etests_0123456789abcdefghijABCDEFGHIJ01");
        File.Exists(Path.Combine(_dataDirectory, AppHostSecrets.AdminApiKeyFile)).ShouldBeFalse();
    }

    [Theory]
    [InlineData("secret")]
    [InlineData("bo_E2ETESTS_0123456789abcdefghijABCDEFGHIJ01")]
    [InlineData("bo_e2etests_0123456789abcdefghijABCDEFGHIJ0")]
    public void Admin_key_not_in_the_api_key_format_is_refused(string adminApiKey)
    {
        var failure = Should.Throw<InvalidOperationException>(() =>
            Load(settings: new() { ["AppHost:Seed:AdminApiKey"] = adminApiKey }));

        failure.Message.ShouldContain("AppHost:Seed:AdminApiKey");
    }

    [Fact]
    public void Owner_password_the_subscription_service_would_refuse_is_refused_at_once()
    {
        var failure = Should.Throw<InvalidOperationException>(() =>
            Load(settings: new() { ["AppHost:Seed:OwnerPassword"] = "short" }));

        failure.Message.ShouldContain("AppHost:Seed:OwnerPassword must be at least 12 characters");
    }

    [Fact]
    public void Damaged_key_file_is_reported_with_its_path()
    {
        Directory.CreateDirectory(_dataDirectory);
        var keyFile = Path.Combine(_dataDirectory, AppHostSecrets.SessionKeyFile);
        File.WriteAllText(keyFile, "c2hvcnQ=");

        var failure = Should.Throw<InvalidOperationException>(() => Load());

        failure.Message.ShouldContain(keyFile);
    }
}
