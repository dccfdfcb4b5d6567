using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace BillingOne.BuildingBlocks.Integrations;

/// <summary>
/// Wraps each secret of the Data Protection key ring with AES-256-GCM under the current key-encryption key. The wrapped
/// element names its key-encryption key, which is also the authenticated data, so a secret moved under another key's
/// name fails to unwrap.
/// </summary>
internal sealed class KeyRingWrapper(KeyEncryptionKeys keys) : IXmlEncryptor
{
    public KeyEncryptionKeys Keys => keys;

    private static readonly XNamespace DataProtectionNamespace = "http://schemas.asp.net/2015/03/dataProtection";
    private static readonly XName WrappedName = "wrappedSecret";
    private const int NonceBytes = 12;
    private const int TagBytes = 16;

    /// <summary>The element Data Protection stores a wrapped secret in, naming the type that unwraps it.</summary>
    internal static readonly XName EncryptedSecretName = DataProtectionNamespace + "encryptedSecret";

    /// <summary>Set on a secret Data Protection writes unwrapped when no encryptor is configured.</summary>
    internal static readonly XName RequiresEncryptionName = DataProtectionNamespace + "requiresEncryption";

    public EncryptedXmlInfo Encrypt(XElement plaintextElement) =>
        new(Wrap(keys.Current, plaintextElement), typeof(KeyRingUnwrapper));

    internal static XElement Wrap(KeyEncryptionKey keyEncryptionKey, XElement secret)
    {
        var plaintext = Encoding.UTF8.GetBytes(secret.ToString(SaveOptions.DisableFormatting));
        var sealedBytes = new byte[NonceBytes + TagBytes + plaintext.Length];
        var nonce = sealedBytes.AsSpan(0, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(keyEncryptionKey.Key, TagBytes);
        aes.Encrypt(nonce, plaintext, sealedBytes.AsSpan(NonceBytes + TagBytes), sealedBytes.AsSpan(NonceBytes, TagBytes),
            Encoding.ASCII.GetBytes(keyEncryptionKey.Id));
        return new XElement(WrappedName, new XAttribute("kek", keyEncryptionKey.Id), Convert.ToBase64String(sealedBytes));
    }

    internal static XElement Unwrap(KeyEncryptionKeys? keys, XElement wrapped)
    {
        var id = (string?)wrapped.Attribute("kek") ?? "";
        var keyEncryptionKey = keys?.Find(id) ?? throw new CryptographicException(
            $"A key of the Data Protection key ring is wrapped with key-encryption key {id}, which is not configured: " +
            $"set it as {KeyEncryptionKeys.CurrentSetting} or add it to {KeyEncryptionKeys.PreviousSetting}.");
        var sealedBytes = Convert.FromBase64String(wrapped.Value);
        var plaintext = new byte[sealedBytes.Length - NonceBytes - TagBytes];
        using var aes = new AesGcm(keyEncryptionKey.Key, TagBytes);
        aes.Decrypt(sealedBytes.AsSpan(0, NonceBytes), sealedBytes.AsSpan(NonceBytes + TagBytes),
            sealedBytes.AsSpan(NonceBytes, TagBytes), plaintext, Encoding.ASCII.GetBytes(id));
        return XElement.Parse(Encoding.UTF8.GetString(plaintext));
    }

    /// <summary>
    /// Re-wraps every secret of one stored key under the current key-encryption key: secrets written in plain text
    /// before a key-encryption key was configured, and secrets wrapped with a previous one. Answers whether anything
    /// changed.
    /// </summary>
    internal static bool Rewrap(XElement key, KeyEncryptionKeys keys)
    {
        var changed = false;
        foreach (var plain in key.Descendants().Where(element => (bool?)element.Attribute(RequiresEncryptionName) == true).ToList())
        {
            plain.ReplaceWith(new XElement(EncryptedSecretName,
                new XAttribute("decryptorType", typeof(KeyRingUnwrapper).AssemblyQualifiedName!),
                Wrap(keys.Current, plain)));
            changed = true;
        }
        foreach (var wrapped in key.Descendants(EncryptedSecretName).Elements(WrappedName).ToList())
        {
            if ((string?)wrapped.Attribute("kek") != keys.Current.Id)
            {
                wrapped.ReplaceWith(Wrap(keys.Current, Unwrap(keys, wrapped)));
                changed = true;
            }
        }
        return changed;
    }
}

/// <summary>Created by Data Protection, by type and with the service provider, when it reads a wrapped secret.</summary>
internal sealed class KeyRingUnwrapper(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement) => KeyRingWrapper.Unwrap(
        (services.GetRequiredService<IOptions<KeyManagementOptions>>().Value.XmlEncryptor as KeyRingWrapper)?.Keys,
        encryptedElement);
}
