using System.Xml.Linq;
using Dapper;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace Parley.Storage.Postgres;

/// <summary>
/// The ASP.NET Core Data Protection key ring, in the shared database: every replica reads the same keys,
/// so a secret one replica encrypts, another decrypts. Keys are only ever added (Data Protection revokes
/// by adding a revocation element), so a name is written once.
/// </summary>
internal sealed class PostgresXmlRepository(PostgresDatabase db) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var connection = db.OpenConnection();
        return connection.Query<string>("SELECT xml FROM data_protection_keys ORDER BY name").Select(XElement.Parse).ToList();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var connection = db.OpenConnection();
        connection.Execute(
            "INSERT INTO data_protection_keys (name, xml) VALUES (@name, @xml) ON CONFLICT (name) DO NOTHING",
            new { name = $"{friendlyName}-{Guid.NewGuid():N}", xml = element.ToString(SaveOptions.DisableFormatting) });
    }
}
