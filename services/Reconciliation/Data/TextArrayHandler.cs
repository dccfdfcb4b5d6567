using System.Data;
using Dapper;

namespace BillingOne.Reconciliation.Data;

/// <summary>
/// Lets Dapper materialize rows whose constructor takes a <c>text[]</c> column as <c>string[]</c>: Npgsql reports the
/// column's type as <see cref="Array"/>, and Dapper matches constructor types exactly, so the shared integration
/// settings row (<c>secret_names</c>) cannot be read without it. Parameters pass through unchanged (Npgsql sends
/// <c>text[]</c>). To be dropped once the building blocks read the column in a form Dapper matches.
/// </summary>
public sealed class TextArrayHandler : SqlMapper.TypeHandler<string[]>
{
    public override void SetValue(IDbDataParameter parameter, string[]? value) => parameter.Value = value;

    public override string[] Parse(object value) => (string[])value;
}
