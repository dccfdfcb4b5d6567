using Mono.Cecil;
using Mono.Cecil.Cil;

namespace BillingOne.Architecture.Tests;

/// <summary>
/// The types a compiled type uses, read from its metadata and IL: base type, interfaces, attributes, members'
/// signatures and the code of its methods, with its nested types (the compiler's closures and state machines), so
/// a dependency hidden in a lambda or an implicit (global) using is seen as well as a declared one.
/// </summary>
internal static class TypeDependencies
{
    /// <summary>The full names of the top-level types <paramref name="type"/> uses.</summary>
    public static IReadOnlySet<string> Of(TypeDefinition type)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        Visit(type, found);
        return found;
    }

    /// <summary>The types of <paramref name="assemblyPath"/> declared in a namespace <paramref name="matches"/> selects.</summary>
    public static IEnumerable<TypeDefinition> TypesIn(string assemblyPath, Func<string, bool> matches)
    {
        var module = ModuleDefinition.ReadModule(assemblyPath);
        return module.Types.Where(type => type.Namespace.Length > 0 && matches(type.Namespace));
    }

    /// <summary>Whether a type's full name lies in <paramref name="prefix"/> or a namespace under it.</summary>
    public static bool IsUnder(string fullName, string prefix) =>
        fullName.StartsWith(prefix + ".", StringComparison.Ordinal);

    private static void Visit(TypeDefinition type, HashSet<string> found)
    {
        Add(type.BaseType, found);
        AddAll(type.Interfaces.Select(implementation => implementation.InterfaceType), found);
        AddAttributes(type, found);
        AddAll(type.GenericParameters.SelectMany(parameter => parameter.Constraints).Select(constraint => constraint.ConstraintType), found);
        foreach (var field in type.Fields)
        {
            Add(field.FieldType, found);
            AddAttributes(field, found);
        }
        foreach (var property in type.Properties)
        {
            Add(property.PropertyType, found);
            AddAttributes(property, found);
        }
        foreach (var @event in type.Events)
        {
            Add(@event.EventType, found);
        }
        foreach (var method in type.Methods)
        {
            VisitMethod(method, found);
        }
        foreach (var nested in type.NestedTypes)
        {
            Visit(nested, found);
        }
    }

    private static void VisitMethod(MethodDefinition method, HashSet<string> found)
    {
        Add(method.ReturnType, found);
        AddAll(method.Parameters.Select(parameter => parameter.ParameterType), found);
        AddAttributes(method, found);
        AddAll(method.GenericParameters.SelectMany(parameter => parameter.Constraints).Select(constraint => constraint.ConstraintType), found);
        if (!method.HasBody)
        {
            return;
        }
        AddAll(method.Body.Variables.Select(variable => variable.VariableType), found);
        foreach (var instruction in method.Body.Instructions)
        {
            switch (instruction.Operand)
            {
                case TypeReference operand:
                    Add(operand, found);
                    break;
                case MethodReference called:
                    Add(called.DeclaringType, found);
                    Add(called.ReturnType, found);
                    AddAll(called.Parameters.Select(parameter => parameter.ParameterType), found);
                    if (called is GenericInstanceMethod generic)
                    {
                        AddAll(generic.GenericArguments, found);
                    }
                    break;
                case FieldReference field:
                    Add(field.DeclaringType, found);
                    Add(field.FieldType, found);
                    break;
            }
        }
    }

    private static void AddAttributes(ICustomAttributeProvider provider, HashSet<string> found) =>
        AddAll(provider.CustomAttributes.Select(attribute => attribute.AttributeType), found);

    private static void AddAll(IEnumerable<TypeReference> types, HashSet<string> found)
    {
        foreach (var type in types)
        {
            Add(type, found);
        }
    }

    private static void Add(TypeReference? type, HashSet<string> found)
    {
        switch (type)
        {
            case null or GenericParameter:
                return;
            case GenericInstanceType generic:
                Add(generic.ElementType, found);
                AddAll(generic.GenericArguments, found);
                return;
            case FunctionPointerType pointer:
                Add(pointer.ReturnType, found);
                AddAll(pointer.Parameters.Select(parameter => parameter.ParameterType), found);
                return;
            case TypeSpecification specification: // arrays, by-ref, pointers, modifiers
                Add(specification.ElementType, found);
                return;
        }
        while (type.DeclaringType is not null)
        {
            type = type.DeclaringType;
        }
        found.Add(type.FullName);
    }
}
