// Deliberate violations for the rules' own tests: these namespaces are never a service's.
namespace BillingOne.Architecture.Tests.Samples.Application
{
    /// <summary>A flow that decides.</summary>
    internal sealed class SampleFlow
    {
        public int Run(int value) => value + 1;
    }
}

namespace BillingOne.Architecture.Tests.Samples.Data
{
    /// <summary>A store that runs a flow itself: what <c>DataLayerTests</c> refuses.</summary>
    internal sealed class FlowRunningStore(Application.SampleFlow flow)
    {
        public int Save(int value) => flow.Run(value);
    }

    /// <summary>A store that only stores.</summary>
    internal sealed class PlainStore
    {
        public int Save(int value) => value;
    }
}
