using System.Data;
using Dapper;
using Pgvector;

namespace Parley.Storage.Postgres;

/// <summary>Lets Dapper pass and read pgvector's <see cref="Vector"/>; Npgsql (with UseVector) does the binary encoding.</summary>
internal sealed class VectorTypeHandler : SqlMapper.TypeHandler<Vector?>
{
    public override void SetValue(IDbDataParameter parameter, Vector? value) => parameter.Value = (object?)value ?? DBNull.Value;

    public override Vector? Parse(object value) => value as Vector;
}
