using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace BillingOne.BuildingBlocks.Grpc;

/// <summary>
/// Finds a string field of a request message holding a NUL character, which no field may pass on: PostgreSQL text
/// cannot hold one, so a search or an id with it would fail in the database instead of being refused.
/// </summary>
public static class RequestTextFields
{
    /// <summary>The path of the first such field (<c>filter.search</c>), or null when every string is clean.</summary>
    public static string? FirstWithNul(IMessage message)
    {
        foreach (var field in message.Descriptor.Fields.InDeclarationOrder())
        {
            var value = field.Accessor.GetValue(message);
            var found = field.FieldType switch
            {
                FieldType.String when field.IsRepeated =>
                    ((IEnumerable<string>)value).Any(HasNul) ? field.Name : null,
                FieldType.String => HasNul((string)value) ? field.Name : null,
                FieldType.Message when field.IsRepeated => ((System.Collections.IEnumerable)value).OfType<IMessage>()
                    .Select(FirstWithNul).FirstOrDefault(path => path is not null) is { } inner
                        ? $"{field.Name}.{inner}" : null,
                FieldType.Message when !field.IsMap && value is IMessage nested =>
                    FirstWithNul(nested) is { } inner ? $"{field.Name}.{inner}" : null,
                _ => null,
            };
            if (found is not null)
            {
                return found;
            }
        }
        return null;
    }

    private static bool HasNul(string? text) => text?.Contains('\0', StringComparison.Ordinal) == true;
}
