using BillingOne.Ingestion.Domain;

namespace BillingOne.Ingestion.Transport;

/// <summary>
/// The body cannot be read as readings at all (a JSON array with a syntax error: nothing after the error can be
/// located). Malformed NDJSON lines do not raise this; they are reported per position.
/// </summary>
public sealed class MalformedBatchException(string message, Exception? inner = null) : Exception(message, inner);
