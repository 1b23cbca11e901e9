namespace Nestor.Sampling;

/// <summary>Bad input to the sampler or the analysis (file, option); the message says what and where.</summary>
public sealed class NestedSamplingException(string message, Exception? inner = null) : Exception(message, inner);
