namespace Nestor.Fitting.Design;

/// <summary>What to do with a frame that lacks a label its weights ask for. Non-finite labels always skip the frame.</summary>
public enum MissingLabelPolicy
{
    /// <summary>Skip the whole frame and report it (default: no frame is used half-labelled by accident).</summary>
    SkipFrame,
    /// <summary>Use the labels the frame has and drop the missing observation (reported per frame).</summary>
    UseAvailable,
}
