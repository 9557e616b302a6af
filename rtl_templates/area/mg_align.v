// mg_align, area-lean variant (arch=area; docs/float_speed.md): the same
// module and ports as rtl_templates/mg_align.v.  Shifts a significand right
// by any amount (amounts of Width or more give 0) and reports whether a set
// bit was shifted out.
//
// A logarithmic shifter whose stages also collect the sticky bit: stage k
// (largest first) shifts by 2^k when bit k of the amount is set and ORs the
// 2^k bits it drops; the amount's bits above the last stage clear the
// significand in one step.  Each bit is ORed once per stage, where the fast
// variant counts trailing zeros (a second tree) and compares the count with
// the amount.
`default_nettype none

module mg_align #(
  parameter integer Width      = 16,
  parameter integer ShiftWidth = 8
) (
  input  wire [Width-1:0]      sig_i,
  input  wire [ShiftWidth-1:0] shift_i,
  output wire [Width-1:0]      sig_o,
  output wire                  sticky_o  // OR of the bits shifted out
);
  // Stages 2^0 .. 2^(Used-1) reach every amount below 2^Stages > Width.
  localparam integer Stages = $clog2(Width + 1);
  localparam integer Used   = (Stages < ShiftWidth) ? Stages : ShiftWidth;

  wire all_out;  // an amount of 2^Used or more
  generate
    if (ShiftWidth > Used) begin : gen_high
      assign all_out = |shift_i[ShiftWidth-1:Used];
    end else begin : gen_no_high
      assign all_out = 1'b0;
    end
  endgenerate

  genvar k;
  generate
    for (k = Used; k >= 0; k = k - 1) begin : gen_stage
      wire [Width-1:0] v;  // the significand after this stage
      wire             s;  // sticky so far
      if (k == Used) begin : gen_first
        assign v = all_out ? {Width{1'b0}} : sig_i;
        assign s = all_out & (|sig_i);
      end else begin : gen_shift
        localparam integer Amount = 1 << k;
        wire [Width-1:0] prev = gen_stage[k+1].v;
        if (Amount < Width) begin : gen_part
          assign v = shift_i[k] ? (prev >> Amount) : prev;
          assign s = gen_stage[k+1].s | (shift_i[k] & (|prev[Amount-1:0]));
        end else begin : gen_whole
          assign v = shift_i[k] ? {Width{1'b0}} : prev;
          assign s = gen_stage[k+1].s | (shift_i[k] & (|prev));
        end
      end
    end
  endgenerate

  assign sig_o    = gen_stage[0].v;
  assign sticky_o = gen_stage[0].s;
endmodule

`default_nettype wire
