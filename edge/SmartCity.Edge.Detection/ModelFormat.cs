namespace SmartCity.Edge.Detection;

/// <summary>How a model's output tensor is laid out, which decides the decoder.</summary>
public enum ModelFormat
{
    /// <summary>YOLOv5: [1, N, 5 + classes], rows cx, cy, w, h (input pixels), objectness, class scores.</summary>
    Yolov5,

    /// <summary>YOLOv8 / YOLO11: [1, 4 + classes, N] channel-major, cx, cy, w, h (input pixels) then class scores.</summary>
    Yolov8,

    /// <summary>YOLOX: [1, N, 5 + classes], grid-relative boxes on strides 8/16/32 (or decoded), objectness, class scores.</summary>
    Yolox,

    /// <summary>End-to-end (YOLOv10, YOLO11 nms=True, YOLO26): [1, K, 6] rows x1, y1, x2, y2, score, class, already NMS'd.</summary>
    End2End,
}
