#include <interleave/detail/object_base.hpp>
#include <interleave/runtime.hpp>

namespace interleave::detail {

ObjectBase::ObjectBase(std::string_view kind, std::string name)
    : id_(Runtime::current().register_object(kind, name)),
      key_(Runtime::current().object_key(id_)),
      name_(std::move(name)) {
    Runtime::current().attach(id_, this);
}

ObjectBase::~ObjectBase() { retire(); }

void ObjectBase::retire() {
    if (auto* runtime = Runtime::current_or_null()) runtime->detach(id_);
}

bool ObjectBase::recording() {
    auto* runtime = Runtime::current_or_null();
    return runtime && runtime->recording();
}

}  // namespace interleave::detail
