using System.Xml.Linq;
using Dapper;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace BillingOne.BuildingBlocks.Integrations;

/// <summary>
/// Keeps the service's Data Protection key ring in its own database, so every replica and every restart decrypts what
/// another encrypted. Each key's secret is wrapped with a key-encryption key held outside the database
/// (<see cref="KeyEncryptionKeys"/>); reading the ring re-wraps, under the current one, any secret stored in plain text
/// or under a previous one, so a rotated key-encryption key can be retired once every service has read its ring.
/// </summary>
internal sealed class PostgresXmlRepository(NpgsqlDataSource dataSource, KeyEncryptionKeys? keys, ILogger logger)
    : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var connection = dataSource.OpenConnection();
        var rows = connection.Query<(long Id, string Xml)>("SELECT id, xml FROM data_protection_keys ORDER BY id").ToList();
        var elements = new List<XElement>(rows.Count);
        var rewrapped = 0;
        foreach (var (id, xml) in rows)
        {
            var element = XElement.Parse(xml);
            if (keys is not null && KeyRingWrapper.Rewrap(element, keys))
            {
                connection.Execute("UPDATE data_protection_keys SET xml = @xml WHERE id = @id",
                    new { id, xml = element.ToString(SaveOptions.DisableFormatting) });
                rewrapped++;
            }
            elements.Add(element);
        }
        if (rewrapped > 0)
        {
            logger.LogInformation("Re-wrapped {Count} key(s) of the Data Protection key ring with key-encryption key {KeyId}",
                rewrapped, keys!.Current.Id);
        }
        return elements;
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var connection = dataSource.OpenConnection();
        connection.Execute("INSERT INTO data_protection_keys (friendly_name, xml) VALUES (@friendlyName, @xml)",
            new { friendlyName, xml = element.ToString(SaveOptions.DisableFormatting) });
    }
}
