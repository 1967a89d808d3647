namespace SmartCity.Edge.Detection;

/// <summary>Where the resized image sits on the model's square (or fixed) canvas.</summary>
public enum LetterboxPlacement
{
    /// <summary>Centred, padding split between both sides (Ultralytics).</summary>
    Centre,

    /// <summary>At the top-left, padding right and bottom only (upstream YOLOX).</summary>
    TopLeft,
}
