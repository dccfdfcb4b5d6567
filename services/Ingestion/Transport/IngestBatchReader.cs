using System.Buffers;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;
using System.Text.Json;

using BillingOne.Ingestion.Domain;

namespace BillingOne.Ingestion.Transport;

/// <summary>How an ingest body is laid out; the request's content type says which.</summary>
public enum IngestBodyFormat
{
    /// <summary><c>application/json</c>: one JSON array of readings.</summary>
    JsonArray,

    /// <summary><c>application/x-ndjson</c>: one reading per line.</summary>
    Ndjson,
}

/// <summary>
/// Reads an ingest body — a JSON array of readings or NDJSON (one reading per line) — as a stream of entries,
/// holding no more than one reading (or one NDJSON line) in memory. Property names are accepted in camelCase or
/// snake_case (as proto3 JSON parsers do); unknown properties are ignored.
/// </summary>
public sealed class IngestBatchReader(IngestLimits limits)
{
    private static readonly JsonSerializerOptions ArrayOptions = new()
    {
        MaxDepth = ReadingJson.ReaderOptions.MaxDepth,
        Converters = { new ParsedReadingConverter() },
    };

    /// <exception cref="IngestBatchTooLargeException">More entries than the limit; reading stops there.</exception>
    /// <exception cref="MalformedBatchException">
    /// A <see cref="IngestBodyFormat.JsonArray"/> body that is not a JSON array or not valid JSON.
    /// </exception>
    public async IAsyncEnumerable<BatchEntry> ReadAsync(
        Stream body, IngestBodyFormat format, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var pipe = PipeReader.Create(body, new StreamPipeReaderOptions(leaveOpen: true));
        try
        {
            if (format == IngestBodyFormat.JsonArray && !await StartsWithArrayAsync(pipe, cancellationToken))
            {
                throw new MalformedBatchException(
                    "An application/json body must be a JSON array of readings; send one reading per line as " +
                    "application/x-ndjson instead.");
            }
            var entries = format == IngestBodyFormat.JsonArray
                ? ReadArrayAsync(pipe, cancellationToken)
                : ReadLinesAsync(pipe, cancellationToken);
            var count = 0;
            await foreach (var entry in entries)
            {
                if (++count > limits.MaxBatchSize)
                {
                    throw new IngestBatchTooLargeException(limits.MaxBatchSize);
                }
                yield return entry;
            }
        }
        finally
        {
            await pipe.CompleteAsync();
        }
    }

    /// <summary>Looks at the first non-blank byte without consuming anything.</summary>
    private static async Task<bool> StartsWithArrayAsync(PipeReader pipe, CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await pipe.ReadAsync(cancellationToken);
            var firstByte = FirstSignificantByte(result.Buffer);
            if (firstByte is not null || result.IsCompleted)
            {
                pipe.AdvanceTo(result.Buffer.Start);
                return firstByte == (byte)'[';
            }
            pipe.AdvanceTo(result.Buffer.Start, result.Buffer.End);
        }
    }

    private static byte? FirstSignificantByte(ReadOnlySequence<byte> buffer)
    {
        var reader = new SequenceReader<byte>(buffer);
        // White space and the UTF-8 byte order mark (EF BB BF); none of those bytes can begin valid JSON.
        reader.AdvancePastAny(" \t\r\n\uFEFF"u8);
        return reader.TryPeek(out var value) ? value : null;
    }

    private async IAsyncEnumerable<BatchEntry> ReadArrayAsync(
        PipeReader pipe, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var position = 0;
        var elements = JsonSerializer.DeserializeAsyncEnumerable<ParsedReading>(
            pipe.AsStream(leaveOpen: true), ArrayOptions, cancellationToken);
        await using var enumerator = elements.GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            try
            {
                if (!await enumerator.MoveNextAsync())
                {
                    yield break;
                }
            }
            catch (JsonException invalid)
            {
                throw new MalformedBatchException(
                    $"The body is not a valid JSON array of readings (line {invalid.LineNumber + 1}, " +
                    $"byte {invalid.BytePositionInLine + 1}).",
                    invalid);
            }
            yield return ReadingJson.ToEntry(position++, enumerator.Current, context: null);
        }
    }

    private async IAsyncEnumerable<BatchEntry> ReadLinesAsync(
        PipeReader pipe, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var lines = new NdjsonLines(limits.MaxLineBytes);
        while (true)
        {
            var result = await pipe.ReadAsync(cancellationToken);
            var buffer = result.Buffer;
            var entries = lines.Drain(ref buffer, result.IsCompleted);
            pipe.AdvanceTo(buffer.Start, buffer.End);
            foreach (var entry in entries)
            {
                yield return entry;
            }
            if (result.IsCompleted)
            {
                yield break;
            }
        }
    }

    /// <summary>Splits NDJSON into lines, remembering a too-long line across reads so it is skipped, not buffered.</summary>
    private sealed class NdjsonLines(int maxLineBytes)
    {
        private int _lineNumber;
        private int _position;
        private bool _skippingLongLine;

        public List<BatchEntry> Drain(ref ReadOnlySequence<byte> buffer, bool isFinal)
        {
            var entries = new List<BatchEntry>();
            while (TryTakeLine(ref buffer, out var line))
            {
                AddLine(line, entries);
            }
            if (!_skippingLongLine && buffer.Length > maxLineBytes)
            {
                _lineNumber++;
                entries.Add(BatchEntry.Unreadable(_position++,
                    $"Line {_lineNumber} is longer than {maxLineBytes} bytes."));
                _skippingLongLine = true;
            }
            if (_skippingLongLine)
            {
                buffer = buffer.Slice(buffer.End);
            }
            else if (isFinal && buffer.Length > 0)
            {
                AddLine(buffer, entries);
                buffer = buffer.Slice(buffer.End);
            }
            return entries;
        }

        private static bool TryTakeLine(ref ReadOnlySequence<byte> buffer, out ReadOnlySequence<byte> line)
        {
            var reader = new SequenceReader<byte>(buffer);
            if (!reader.TryReadTo(out line, (byte)'\n'))
            {
                return false;
            }
            buffer = buffer.Slice(reader.Position);
            return true;
        }

        private void AddLine(ReadOnlySequence<byte> line, List<BatchEntry> entries)
        {
            if (_skippingLongLine)
            {
                // The tail of a line already reported as too long.
                _skippingLongLine = false;
                return;
            }
            _lineNumber++;
            if (_lineNumber == 1 && line.Length >= 3 && line.Slice(0, 3).ToArray() is [0xEF, 0xBB, 0xBF])
            {
                line = line.Slice(3);
            }
            if (IsBlank(line))
            {
                return;
            }
            if (line.Length > maxLineBytes)
            {
                entries.Add(BatchEntry.Unreadable(_position++, $"Line {_lineNumber} is longer than {maxLineBytes} bytes."));
                return;
            }
            try
            {
                var reader = new Utf8JsonReader(line, isFinalBlock: true, new JsonReaderState(ReadingJson.ReaderOptions));
                reader.Read();
                var parsed = ReadingJson.Read(ref reader);
                // Anything after the reading makes the line invalid JSON: the reader throws on it.
                reader.Read();
                entries.Add(ReadingJson.ToEntry(_position++, parsed, $"Line {_lineNumber}"));
            }
            catch (JsonException invalid)
            {
                entries.Add(BatchEntry.Unreadable(_position++,
                    $"Line {_lineNumber} is not valid JSON (byte {invalid.BytePositionInLine + 1})."));
            }
        }

        private static bool IsBlank(ReadOnlySequence<byte> line)
        {
            var reader = new SequenceReader<byte>(line);
            reader.AdvancePastAny(" \t\r"u8);
            return reader.End;
        }
    }
}
