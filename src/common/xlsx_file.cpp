#include "common/xlsx_file.hpp"

#include <unistd.h>

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace samverkan {

std::string BuildWorkbook(const std::function<void(lxw_workbook*)>& fill, bool constant_memory) {
    char path[] = "/tmp/samverkan-xlsx-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0) throw std::runtime_error("cannot create a temporary file for the workbook");
    close(fd);
    lxw_workbook_options options{};
    options.constant_memory = constant_memory ? LXW_TRUE : LXW_FALSE;
    options.tmpdir = const_cast<char*>("/tmp");
    lxw_workbook* wb = workbook_new_opt(path, &options);
    if (!wb) {
        unlink(path);
        throw std::runtime_error("cannot create the workbook");
    }
    try {
        fill(wb);
    } catch (...) {
        workbook_close(wb);
        unlink(path);
        throw;
    }
    lxw_error err = workbook_close(wb);
    std::ifstream in(path, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    unlink(path);
    if (err != LXW_NO_ERROR) throw std::runtime_error(std::string("workbook: ") + lxw_strerror(err));
    return bytes.str();
}

}  // namespace samverkan
