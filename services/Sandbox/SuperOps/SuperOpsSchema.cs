using System.Text.RegularExpressions;

namespace BillingOne.Sandbox.SuperOps;

/// <summary>
/// The part of SuperOps' published GraphQL schema the sandbox answers (API reference, Types: InvoiceList, Invoice,
/// InvoiceItem, InvoiceTaxItem, ListInfo, ClientList, Client), so a query that asks for a field SuperOps does not have,
/// or for sub-fields of a JSON scalar such as an invoice's <c>client</c>, is refused here as SuperOps refuses it instead
/// of being answered as if it were valid.
/// </summary>
public static partial class SuperOpsSchema
{
    // Field name → its type: a scalar or enum name, or an object type's name after a colon.
    private static readonly Dictionary<string, Dictionary<string, string>> Types = new(StringComparer.Ordinal)
    {
        ["InvoiceList"] = new() { ["invoices"] = ":Invoice", ["listInfo"] = ":ListInfo" },
        ["ClientList"] = new() { ["clients"] = ":Client", ["listInfo"] = ":ListInfo" },
        ["Invoice"] = new()
        {
            ["invoiceId"] = "ID", ["displayId"] = "String", ["client"] = "JSON", ["site"] = "JSON", ["invoiceDate"] = "String",
            ["dueDate"] = "String", ["statusEnum"] = "InvoiceStatus", ["sentToClient"] = "Boolean", ["items"] = ":InvoiceItem",
            ["taxes"] = ":InvoiceTaxItem", ["discountAmount"] = "String", ["additionalDiscount"] = "String",
            ["additionalDiscountRate"] = "String", ["totalAmount"] = "String", ["notes"] = "String", ["paymentDate"] = "String",
            ["paymentMethod"] = "JSON", ["paymentReference"] = "String", ["invoicePaymentTerm"] = "JSON",
        },
        ["InvoiceItem"] = new()
        {
            ["itemId"] = "ID", ["billedDate"] = "String", ["details"] = "String", ["quantity"] = "String", ["unitPrice"] = "String",
            ["discountRate"] = "String", ["amount"] = "String", ["taxable"] = "Boolean", ["tax"] = "JSON", ["serviceItem"] = "JSON",
            ["taxAmount"] = "String", ["totalAmount"] = "String", ["invoice"] = ":Invoice",
        },
        ["InvoiceTaxItem"] = new()
        {
            ["tax"] = "JSON", ["taxRate"] = "String", ["taxableAmount"] = "String", ["taxAmount"] = "String", ["id"] = "ID",
            ["rate"] = "JSON",
        },
        ["ListInfo"] = new()
        {
            ["page"] = "Int", ["pageSize"] = "Int", ["sort"] = ":Sort", ["condition"] = "JSON", ["hasMore"] = "Boolean",
            ["totalCount"] = "Int",
        },
        ["Client"] = new()
        {
            ["accountId"] = "ID", ["name"] = "String", ["stage"] = "String", ["status"] = "String", ["emailDomains"] = "String",
            ["accountManager"] = "JSON", ["primaryContact"] = "JSON", ["secondaryContact"] = "JSON", ["hqSite"] = "JSON",
            ["technicianGroups"] = "JSON", ["customFields"] = "JSON",
        },
    };

    /// <summary>The GraphQL validation error of <paramref name="selection"/> on <paramref name="type"/>, or null when valid.</summary>
    /// <param name="selection">The root field's selection set, from its opening brace; fragments are not checked.</param>
    public static string? Validate(string type, string selection)
    {
        var tokens = Token().Matches(selection).Select(match => match.Value).ToList();
        var index = 0;
        return tokens.Count == 0 || tokens[0] != "{"
            ? $"Field of type \"{type}\" must have a selection of subfields."
            : Check(tokens, ref index, type, type);
    }

    private static string? Check(List<string> tokens, ref int index, string type, string path)
    {
        if (!Types.TryGetValue(type, out var fields))
        {
            return Skip(tokens, ref index);
        }
        index++; // {
        while (index < tokens.Count && tokens[index] != "}")
        {
            var name = tokens[index++];
            if (name == "...")
            {
                index++; // the fragment's name, not checked
                continue;
            }
            if (index < tokens.Count && tokens[index].StartsWith('('))
            {
                index++;
            }
            if (!fields.TryGetValue(name, out var fieldType))
            {
                return $"Validation error (FieldUndefined@[{path}/{name}]) : Field '{name}' in type '{type}' is undefined";
            }
            var selected = index < tokens.Count && tokens[index] == "{";
            if (!fieldType.StartsWith(':'))
            {
                if (selected)
                {
                    return $"Validation error (SubselectionNotAllowed@[{path}/{name}]) : Sub selection not allowed on leaf type {fieldType} of field {name}";
                }
                continue;
            }
            if (!selected)
            {
                return $"Validation error (SubselectionRequired@[{path}/{name}]) : Sub selection required for type {fieldType[1..]} of field {name}";
            }
            if (Check(tokens, ref index, fieldType[1..], $"{path}/{name}") is { } error)
            {
                return error;
            }
        }
        index++; // }
        return null;
    }

    /// <summary>Steps over a selection set of a type the sandbox does not describe.</summary>
    private static string? Skip(List<string> tokens, ref int index)
    {
        var depth = 0;
        do
        {
            depth += tokens[index] switch { "{" => 1, "}" => -1, _ => 0 };
            index++;
        }
        while (depth > 0 && index < tokens.Count);
        return null;
    }

    [GeneratedRegex(@"\.\.\.|[_A-Za-z]\w*|[{}]|\([^)]*\)")]
    private static partial Regex Token();
}
