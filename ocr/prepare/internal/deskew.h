#pragma once

// Internal to ocr/: skew measurement and rotation of a grey page.

#include <opencv2/core.hpp>

namespace travet::ocr {

// The angle in degrees (counter-clockwise positive, as the text appears) by
// which the text lines of `ink` (255 on 0) are tilted, searched within
// +-max_degrees by projection profiles; 0 when there is no ink or the best
// angle is at the end of the range (no peak: no text lines to measure).
double EstimateSkew(const cv::Mat& ink, double max_degrees);

struct Rotated {
  cv::Mat image;
  cv::Matx23d forward;  // maps a point of the input to the output
};

// `gray` rotated counter-clockwise by `degrees` on a canvas grown to keep the
// corners, new areas white. A bilevel page is smoothed first (rotating hard
// edges doubles the recognition errors of fax pages).
Rotated RotateExpanded(const cv::Mat& gray, double degrees, bool bilevel);

// `gray` turned clockwise by a multiple of 90 degrees.
Rotated RotateQuarter(const cv::Mat& gray, int clockwise_degrees);

}  // namespace travet::ocr
