namespace BillingOne.BuildingBlocks.Http.Idempotency;

/// <summary>
/// Passes an answer's body through to the caller and keeps a copy of it, up to a limit; past the limit it only
/// passes the body through and remembers it overflowed.
/// </summary>
internal sealed class ResponseCaptureStream(Stream inner, int maxCapturedBytes) : Stream
{
    private readonly MemoryStream captured = new();
    private bool written;

    public bool Overflowed { get; private set; }

    public byte[] Captured => captured.ToArray();

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    // A flush before anything is written would start an empty response, after which the status-code pages could
    // no longer give a bare 4xx its problem body.
    public override void Flush()
    {
        if (written)
        {
            inner.Flush();
        }
    }

    public override Task FlushAsync(CancellationToken cancellationToken) =>
        written ? inner.FlushAsync(cancellationToken) : Task.CompletedTask;

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        Capture(buffer);
        inner.Write(buffer);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Capture(buffer.Span);
        return inner.WriteAsync(buffer, cancellationToken);
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            captured.Dispose();
        }
        base.Dispose(disposing);
    }

    private void Capture(ReadOnlySpan<byte> buffer)
    {
        written |= buffer.Length > 0;
        if (Overflowed)
        {
            return;
        }
        if (captured.Length + buffer.Length > maxCapturedBytes)
        {
            Overflowed = true;
            captured.SetLength(0);
            return;
        }
        captured.Write(buffer);
    }
}
