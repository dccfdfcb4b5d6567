using System.Text;
using Grpc.Core;

namespace BillingOne.BuildingBlocks.Grpc;

/// <summary>The statuses partner gRPC methods answer bad requests with; messages are safe to show callers.</summary>
public static class GrpcErrors
{
    /// <summary>
    /// <c>INVALID_ARGUMENT</c> naming each field (as the .proto spells it) before what is wrong with it. The parsers
    /// shared with the HTTP APIs key their messages by query parameter, so <c>pageSize</c> becomes <c>page_size</c>.
    /// </summary>
    public static RpcException InvalidArgument(IReadOnlyDictionary<string, string[]> errors) =>
        new(new Status(StatusCode.InvalidArgument, string.Join(" ", errors
            .OrderBy(error => error.Key, StringComparer.Ordinal)
            .Select(error => $"{FieldName(error.Key)}: {string.Join(" ", error.Value)}"))));

    public static RpcException InvalidArgument(string field, string message) =>
        InvalidArgument(new Dictionary<string, string[]> { [field] = [message] });

    public static RpcException NotFound(string message) => new(new Status(StatusCode.NotFound, message));

    /// <summary>proto3 has no absent int32: 0 stands for "not given", as the .proto documents.</summary>
    public static int? Given(int value) => value == 0 ? null : value;

    /// <summary>proto3 has no absent string: empty stands for "not given".</summary>
    public static string? Given(string value) => value.Length == 0 ? null : value;

    private static string FieldName(string parameter)
    {
        var name = new StringBuilder(parameter.Length + 4);
        foreach (var character in parameter)
        {
            if (char.IsUpper(character))
            {
                name.Append('_').Append(char.ToLowerInvariant(character));
            }
            else
            {
                name.Append(character);
            }
        }
        return name.ToString();
    }
}
