#pragma once
// An xlsx workbook built in a private temporary file and returned as bytes: libxlsxwriter writes
// only to files.
#include <xlsxwriter.h>

#include <functional>
#include <string>

namespace samverkan {

// Calls `fill` with a new workbook, closes it and returns the file's bytes. `constant_memory`
// streams each row to disk as it is written (rows must then be written in order per sheet).
// Throws std::runtime_error when the workbook cannot be created or written.
std::string BuildWorkbook(const std::function<void(lxw_workbook*)>& fill, bool constant_memory = false);

}  // namespace samverkan
