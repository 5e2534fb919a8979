using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace Devices.Firmware.Core.Tests.Subset;

/// <summary>
/// Reads a built assembly's metadata and reports what the nanoFramework 1.x subset forbids: generic definitions,
/// generic instantiations (of types and methods), multidimensional arrays, pointers, and any referenced type that is
/// not on the allow-list of nanoFramework's base libraries. Each problem lists where it is used (method, field,
/// signature, base type or attribute), so the message says what to change.
/// </summary>
public sealed class SubsetChecker : ISignatureTypeProvider<string, object?>
{
    private static readonly Dictionary<short, OperandType> OperandTypes = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value, o => o.OperandType);

    private readonly MetadataReader _md;
    private readonly ISet<string> _allowed;
    private readonly SortedDictionary<string, SortedSet<string>> _problems = new(StringComparer.Ordinal);
    private readonly HashSet<TypeReferenceHandle> _seenTypeRefs = [];
    private string _where = "";

    private SubsetChecker(MetadataReader md, ISet<string> allowed)
    {
        _md = md;
        _allowed = allowed;
    }

    /// <summary>Problem → the places it occurs. Empty when the assembly stays inside the subset.</summary>
    public static SortedDictionary<string, SortedSet<string>> Check(string assemblyPath, ISet<string> allowedTypes)
    {
        using var stream = File.OpenRead(assemblyPath);
        using var pe = new PEReader(stream);
        var checker = new SubsetChecker(pe.GetMetadataReader(), allowedTypes);
        checker.Run(pe);
        return checker._problems;
    }

    /// <summary>One line per problem with its places, as the failing test prints it.</summary>
    public static string Describe(SortedDictionary<string, SortedSet<string>> problems) =>
        string.Join(Environment.NewLine, problems.Select(p =>
            "  " + p.Key + Environment.NewLine + "      used in: " + string.Join("; ", p.Value.Take(8)) +
            (p.Value.Count > 8 ? "; ... (" + p.Value.Count + " places)" : "")));

    /// <summary>Reads the allow-list file: one type per line (Outer+Nested for nested types), '#' comments.</summary>
    public static HashSet<string> ReadAllowList(string path) =>
        File.ReadAllLines(path)
            .Select(l => { int hash = l.IndexOf('#'); return (hash >= 0 ? l[..hash] : l).Trim(); })
            .Where(l => l.Length > 0)
            .ToHashSet(StringComparer.Ordinal);

    private void Run(PEReader pe)
    {
        for (int row = 1; row <= _md.GetTableRowCount(TableIndex.GenericParam); row++)
        {
            var p = _md.GetGenericParameter(MetadataTokens.GenericParameterHandle(row));
            _where = p.Parent.Kind == HandleKind.TypeDefinition
                ? TypeDefName((TypeDefinitionHandle)p.Parent)
                : MethodName((MethodDefinitionHandle)p.Parent);
            Problem("generic definition: type parameter " + _md.GetString(p.Name));
        }

        foreach (var th in _md.TypeDefinitions)
        {
            var type = _md.GetTypeDefinition(th);
            string typeName = TypeDefName(th);
            _where = "base type of " + typeName;
            if (!type.BaseType.IsNil) UseType(type.BaseType);
            _where = "interfaces of " + typeName;
            foreach (var ih in type.GetInterfaceImplementations())
                UseType(_md.GetInterfaceImplementation(ih).Interface);
            foreach (var fh in type.GetFields())
            {
                var field = _md.GetFieldDefinition(fh);
                _where = "field " + typeName + "." + _md.GetString(field.Name);
                field.DecodeSignature(this, null);
            }
            foreach (var mh in type.GetMethods())
                CheckMethod(pe, mh);
            foreach (var ph in type.GetProperties())
            {
                var property = _md.GetPropertyDefinition(ph);
                _where = "property " + typeName + "." + _md.GetString(property.Name);
                property.DecodeSignature(this, null);
            }
        }

        foreach (var ah in _md.CustomAttributes)
        {
            var attribute = _md.GetCustomAttribute(ah);
            _where = "attribute on " + Describe(attribute.Parent);
            UseMember(attribute.Constructor);
        }

        for (int row = 1; row <= _md.GetTableRowCount(TableIndex.TypeSpec); row++)
        {
            _where = "type specification table";
            UseType(MetadataTokens.TypeSpecificationHandle(row));
        }
        for (int row = 1; row <= _md.GetTableRowCount(TableIndex.MethodSpec); row++)
        {
            _where = "method specification table";
            UseMember(MetadataTokens.MethodSpecificationHandle(row));
        }

        // Anything referenced but not met above (for example only in an unused member reference) still counts.
        foreach (var rh in _md.TypeReferences)
        {
            if (_seenTypeRefs.Contains(rh)) continue;
            _where = "type reference table";
            UseType(rh);
        }
    }

    private void CheckMethod(PEReader pe, MethodDefinitionHandle mh)
    {
        var method = _md.GetMethodDefinition(mh);
        _where = MethodName(mh);
        method.DecodeSignature(this, null);
        if (method.RelativeVirtualAddress == 0) return;
        var body = pe.GetMethodBody(method.RelativeVirtualAddress);
        if (!body.LocalSignature.IsNil)
            _md.GetStandaloneSignature(body.LocalSignature).DecodeLocalSignature(this, null);
        foreach (var region in body.ExceptionRegions)
            if (!region.CatchType.IsNil) UseType(region.CatchType);
        ScanIL(body.GetILReader());
    }

    private void ScanIL(BlobReader il)
    {
        while (il.RemainingBytes > 0)
        {
            short code = il.ReadByte();
            if (code == 0xFE) code = unchecked((short)(0xFE00 | il.ReadByte()));
            switch (OperandTypes[code])
            {
                case OperandType.InlineNone: break;
                case OperandType.ShortInlineBrTarget:
                case OperandType.ShortInlineI:
                case OperandType.ShortInlineVar: il.Offset += 1; break;
                case OperandType.InlineVar: il.Offset += 2; break;
                case OperandType.InlineI8:
                case OperandType.InlineR: il.Offset += 8; break;
                case OperandType.InlineSwitch: { int targets = il.ReadInt32(); il.Offset += 4 * targets; break; }
                case OperandType.InlineField:
                case OperandType.InlineMethod:
                case OperandType.InlineTok:
                case OperandType.InlineType:
                    UseToken(MetadataTokens.EntityHandle(il.ReadInt32()));
                    break;
                default: il.Offset += 4; break; // InlineI, InlineBrTarget, InlineString, InlineSig, ShortInlineR
            }
        }
    }

    private void UseToken(EntityHandle handle)
    {
        if (handle.Kind is HandleKind.TypeReference or HandleKind.TypeSpecification or HandleKind.TypeDefinition)
            UseType(handle);
        else
            UseMember(handle);
    }

    private void UseType(EntityHandle handle)
    {
        switch (handle.Kind)
        {
            case HandleKind.TypeReference:
                var rh = (TypeReferenceHandle)handle;
                _seenTypeRefs.Add(rh);
                var name = TypeRefName(rh);
                if (!_allowed.Contains(name))
                    Problem(name + " is not in nanoFramework's base libraries (allow-list)");
                break;
            case HandleKind.TypeSpecification:
                _md.GetTypeSpecification((TypeSpecificationHandle)handle).DecodeSignature(this, null);
                break;
        }
    }

    private void UseMember(EntityHandle handle)
    {
        switch (handle.Kind)
        {
            case HandleKind.MemberReference:
                var member = _md.GetMemberReference((MemberReferenceHandle)handle);
                UseType(member.Parent);
                if (member.GetKind() == MemberReferenceKind.Method) member.DecodeMethodSignature(this, null);
                else member.DecodeFieldSignature(this, null);
                break;
            case HandleKind.MethodSpecification:
                var spec = _md.GetMethodSpecification((MethodSpecificationHandle)handle);
                Problem("generic method instantiation: " + MemberName(spec.Method) + "<" +
                        string.Join(",", spec.DecodeSignature(this, null)) + ">");
                UseMember(spec.Method);
                break;
        }
    }

    private void Problem(string what)
    {
        if (!_problems.TryGetValue(what, out var places))
            _problems[what] = places = new SortedSet<string>(StringComparer.Ordinal);
        places.Add(_where);
    }

    // ---- names ----

    private string TypeRefName(TypeReferenceHandle handle)
    {
        var r = _md.GetTypeReference(handle);
        string name = _md.GetString(r.Name);
        if (r.ResolutionScope.Kind == HandleKind.TypeReference)
            return TypeRefName((TypeReferenceHandle)r.ResolutionScope) + "+" + name;
        string ns = _md.GetString(r.Namespace);
        return ns.Length == 0 ? name : ns + "." + name;
    }

    private string TypeDefName(TypeDefinitionHandle handle)
    {
        var t = _md.GetTypeDefinition(handle);
        string name = _md.GetString(t.Name);
        if (t.IsNested) return TypeDefName(t.GetDeclaringType()) + "+" + name;
        string ns = _md.GetString(t.Namespace);
        return ns.Length == 0 ? name : ns + "." + name;
    }

    private string MethodName(MethodDefinitionHandle handle)
    {
        var m = _md.GetMethodDefinition(handle);
        return TypeDefName(m.GetDeclaringType()) + "." + _md.GetString(m.Name);
    }

    private string MemberName(EntityHandle handle) => handle.Kind switch
    {
        HandleKind.MethodDefinition => MethodName((MethodDefinitionHandle)handle),
        HandleKind.MemberReference => ParentName(_md.GetMemberReference((MemberReferenceHandle)handle).Parent) + "." +
                                      _md.GetString(_md.GetMemberReference((MemberReferenceHandle)handle).Name),
        _ => handle.Kind.ToString(),
    };

    private string ParentName(EntityHandle handle) => handle.Kind switch
    {
        HandleKind.TypeReference => TypeRefName((TypeReferenceHandle)handle),
        HandleKind.TypeDefinition => TypeDefName((TypeDefinitionHandle)handle),
        HandleKind.TypeSpecification => _md.GetTypeSpecification((TypeSpecificationHandle)handle).DecodeSignature(new NameOnly(this), null),
        _ => handle.Kind.ToString(),
    };

    private string Describe(EntityHandle handle) => handle.Kind switch
    {
        HandleKind.AssemblyDefinition => "the assembly",
        HandleKind.ModuleDefinition => "the module",
        HandleKind.TypeDefinition => TypeDefName((TypeDefinitionHandle)handle),
        HandleKind.MethodDefinition => MethodName((MethodDefinitionHandle)handle),
        HandleKind.FieldDefinition => "a field of " + TypeDefName(_md.GetFieldDefinition((FieldDefinitionHandle)handle).GetDeclaringType()),
        HandleKind.Parameter => "a parameter",
        HandleKind.PropertyDefinition => "a property",
        _ => handle.Kind.ToString(),
    };

    // ---- signature decoding: names types, records references and forbidden shapes ----

    public string GetPrimitiveType(PrimitiveTypeCode typeCode) => "System." + typeCode;
    public string GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) => TypeDefName(handle);
    public string GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind)
    {
        UseType(handle);
        return TypeRefName(handle);
    }
    public string GetTypeFromSpecification(MetadataReader reader, object? context, TypeSpecificationHandle handle, byte rawTypeKind) =>
        reader.GetTypeSpecification(handle).DecodeSignature(this, context);
    public string GetSZArrayType(string elementType) => elementType + "[]";
    public string GetArrayType(string elementType, ArrayShape shape)
    {
        string name = elementType + "[" + new string(',', shape.Rank - 1) + "]";
        Problem("multidimensional array " + name + " (use a jagged array or one flat array)");
        return name;
    }
    public string GetGenericInstantiation(string genericType, ImmutableArray<string> typeArguments)
    {
        string name = genericType + "<" + string.Join(",", typeArguments) + ">";
        Problem("generic instantiation " + name);
        return name;
    }
    public string GetByReferenceType(string elementType) => elementType + "&";
    public string GetPointerType(string elementType)
    {
        Problem("pointer type " + elementType + "*");
        return elementType + "*";
    }
    public string GetFunctionPointerType(MethodSignature<string> signature)
    {
        Problem("function pointer");
        return "fnptr";
    }
    public string GetGenericMethodParameter(object? context, int index) => "!!" + index;
    public string GetGenericTypeParameter(object? context, int index) => "!" + index;
    public string GetModifiedType(string modifier, string unmodifiedType, bool isRequired) => unmodifiedType;
    public string GetPinnedType(string elementType) => elementType;

    /// <summary>Names a type signature without recording anything (for messages).</summary>
    private sealed class NameOnly(SubsetChecker owner) : ISignatureTypeProvider<string, object?>
    {
        public string GetPrimitiveType(PrimitiveTypeCode typeCode) => "System." + typeCode;
        public string GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) => owner.TypeDefName(handle);
        public string GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) => owner.TypeRefName(handle);
        public string GetTypeFromSpecification(MetadataReader reader, object? context, TypeSpecificationHandle handle, byte rawTypeKind) =>
            reader.GetTypeSpecification(handle).DecodeSignature(this, context);
        public string GetSZArrayType(string elementType) => elementType + "[]";
        public string GetArrayType(string elementType, ArrayShape shape) => elementType + "[" + new string(',', shape.Rank - 1) + "]";
        public string GetGenericInstantiation(string genericType, ImmutableArray<string> typeArguments) =>
            genericType + "<" + string.Join(",", typeArguments) + ">";
        public string GetByReferenceType(string elementType) => elementType + "&";
        public string GetPointerType(string elementType) => elementType + "*";
        public string GetFunctionPointerType(MethodSignature<string> signature) => "fnptr";
        public string GetGenericMethodParameter(object? context, int index) => "!!" + index;
        public string GetGenericTypeParameter(object? context, int index) => "!" + index;
        public string GetModifiedType(string modifier, string unmodifiedType, bool isRequired) => unmodifiedType;
        public string GetPinnedType(string elementType) => elementType;
    }
}
