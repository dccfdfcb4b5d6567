using System.Security.Cryptography;
using BillingOne.BuildingBlocks.Data;
using BillingOne.BuildingBlocks.Integrations;
using BillingOne.Testing;
using Dapper;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using Shouldly;

namespace BillingOne.BuildingBlocks.Tests.Integrations;

/// <summary>
/// The Data Protection key ring in the service's database is wrapped with a key-encryption key held outside it: the
/// key table alone (a dump) decrypts nothing, a rotated key-encryption key re-wraps the ring, and a service outside
/// Development does not start without one.
/// </summary>
[Trait("Category", "Integration")]
public sealed class KeyRingWrappingTests : IAsyncLifetime
{
    private const string Purpose = "integration-settings";
    private readonly string firstKey = NewKey();
    private readonly string secondKey = NewKey();
    private NpgsqlDataSource dataSource = null!;
    private string connectionString = null!;

    public async Task InitializeAsync()
    {
        var servers = await TestServers.GetAsync();
        connectionString = await servers.CreateDatabaseAsync("key_ring");
        new DatabaseMigrations(connectionString, typeof(SyncRun).Assembly).Apply(NullLogger.Instance);
        dataSource = NpgsqlDataSource.Create(connectionString);
    }

    public async Task DisposeAsync() => await dataSource.DisposeAsync();

    [Fact]
    public async Task A_dump_of_the_key_table_alone_decrypts_no_stored_secret()
    {
        var secret = Protect(Settings(current: firstKey), "xero-client-secret-0123456789");

        var rows = await KeyRowsAsync();
        rows.ShouldNotBeEmpty();
        rows.ShouldAllBe(xml => xml.Contains("wrappedSecret") && !xml.Contains("requiresEncryption"));

        // The same table read without the key-encryption key, or with another one.
        Should.Throw<CryptographicException>(() => Unprotect(Settings(), secret))
            .Message.ShouldContain(KeyEncryptionKeys.CurrentSetting);
        Should.Throw<CryptographicException>(() => Unprotect(Settings(current: secondKey), secret));
        Unprotect(Settings(current: firstKey), secret).ShouldBe("xero-client-secret-0123456789");
    }

    [Fact]
    public async Task A_rotated_key_encryption_key_rewraps_the_ring_and_the_previous_one_can_then_go()
    {
        var secret = Protect(Settings(current: firstKey), "pax8-secret");

        Unprotect(Settings(current: secondKey, previous: firstKey), secret).ShouldBe("pax8-secret");

        (await KeyRowsAsync()).ShouldAllBe(xml => xml.Contains($"kek=\"{KeyEncryptionKey.Of(Convert.FromBase64String(secondKey)).Id}\""));
        Unprotect(Settings(current: secondKey), secret).ShouldBe("pax8-secret");
    }

    [Fact]
    public async Task Keys_stored_in_plain_text_before_a_key_encryption_key_was_set_are_wrapped_when_one_is()
    {
        var secret = Protect(Settings(), "legacy-secret");
        (await KeyRowsAsync()).ShouldAllBe(xml => xml.Contains("requiresEncryption"));

        Unprotect(Settings(current: firstKey), secret).ShouldBe("legacy-secret");

        (await KeyRowsAsync()).ShouldAllBe(xml => xml.Contains("wrappedSecret") && !xml.Contains("requiresEncryption"));
        Should.Throw<CryptographicException>(() => Unprotect(Settings(), secret));
    }

    [Fact]
    public void Outside_Development_a_service_without_a_key_encryption_key_does_not_start()
    {
        using var services = Services(Settings(), Environments.Production);

        Should.Throw<InvalidOperationException>(() => services.GetRequiredService<IOptions<KeyManagementOptions>>().Value)
            .Message.ShouldContain($"{KeyEncryptionKeys.CurrentSetting} is not set");
    }

    [Theory]
    [InlineData("not base64!")]
    [InlineData("c2hvcnQ=")]
    public void A_malformed_key_encryption_key_is_refused_naming_the_setting(string value)
    {
        using var services = Services(new Dictionary<string, string?> { [KeyEncryptionKeys.CurrentSetting] = value },
            Environments.Development);

        Should.Throw<InvalidOperationException>(() => services.GetRequiredService<IOptions<KeyManagementOptions>>().Value)
            .Message.ShouldContain($"{KeyEncryptionKeys.CurrentSetting} must be 32 random bytes in base64");
    }

    private static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(KeyEncryptionKeys.KeyBytes));

    private static Dictionary<string, string?> Settings(string? current = null, string? previous = null) => new()
    {
        [KeyEncryptionKeys.CurrentSetting] = current,
        [KeyEncryptionKeys.PreviousSetting] = previous,
    };

    /// <summary>A fresh process of the service: nothing cached from another, only the database in common.</summary>
    private ServiceProvider Services(Dictionary<string, string?> settings, string environment)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddSingleton<IHostEnvironment>(new HostingEnvironment { EnvironmentName = environment });
        services.AddLogging();
        services.AddSingleton(_ => NpgsqlDataSource.Create(connectionString));
        services.AddDatabaseDataProtection("KeyRingTests");
        return services.BuildServiceProvider();
    }

    private string Protect(Dictionary<string, string?> settings, string plaintext)
    {
        using var services = Services(settings, Environments.Development);
        return services.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose).Protect(plaintext);
    }

    private string Unprotect(Dictionary<string, string?> settings, string protectedText)
    {
        using var services = Services(settings, Environments.Development);
        return services.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose).Unprotect(protectedText);
    }

    private async Task<List<string>> KeyRowsAsync()
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        return [.. await connection.QueryAsync<string>("SELECT xml FROM data_protection_keys")];
    }
}
